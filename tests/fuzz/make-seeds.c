/* make-seeds.c: writes the seed corpus of the fuzz targets
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 *   ro-fuzz-make-seeds DIR
 *
 * writes DIR/<target>/<name> for every target: real frames and messages,
 * the ones tests/test-json-codec.c pins down, and a few that must be
 * refused. The corpus in tests/fuzz/corpus/ was made by this program; run
 * it again there after a change of the wire format or of an input format
 * of fuzz-<target>.c.
 */

#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>

#include "fuzz.h"
#include "ro-codec.h"
#include "ro-interface-info-private.h"
#include "test-types.h"

static const char *out_dir;

static void
write_seed (const char   *target,
            const char   *name,
            const guint8 *data,
            gsize         size)
{
  g_autofree char *dir = g_build_filename (out_dir, target, NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  if (g_mkdir_with_parents (dir, 0755) != 0)
    g_error ("Cannot create %s: %s", dir, g_strerror (errno));
  if (!g_file_set_contents (path, (const char *) data, size, &error))
    g_error ("%s", error->message);
}

static void
write_seed_bytes (const char *target,
                  const char *name,
                  GBytes     *bytes)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  write_seed (target, name, data, size);
}

static RoMessage *
make_message (RoMessageType  type,
              guint32        serial,
              const char    *name,
              const char    *member,
              const char    *body)
{
  RoMessage *message = ro_message_new (type);
  g_autoptr(GError) error = NULL;

  message->serial = serial;
  message->name = g_strdup (name);
  message->member = g_strdup (member);
  if (body != NULL)
    {
      message->body = g_variant_parse (NULL, body, NULL, NULL, &error);
      if (message->body == NULL)
        g_error ("Seed body %s: %s", body, error->message);
    }
  return message;
}

/* A valid message (consumed): its JSON payload, its binary form for the message
 * target, and its frame for the stream of all frames. */
static void
add_message (GByteArray *stream,
             const char *name,
             RoMessage  *taken)
{
  g_autoptr(RoMessage) message = taken;
  g_autoptr(GBytes) frame = NULL;
  g_autoptr(GBytes) input = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;
  const guint8 *data;

  if (!ro_message_validate (message, &error))
    g_error ("Seed %s: %s", name, error->message);

  frame = ro_codec_json ()->encode (message);
  data = g_bytes_get_data (frame, &size);
  write_seed ("json-decode", name, data + RO_FRAME_HEADER_SIZE, size - RO_FRAME_HEADER_SIZE);
  if (stream != NULL)
    g_byte_array_append (stream, data, size);

  input = ro_fuzz_message_input (message);
  write_seed_bytes ("message", name, input);

  /* The other codecs' decoders take the same messages. */
  for (gsize i = 0; ro_fuzz_codec_names[i] != NULL; i++)
    {
      const RoCodec *codec = ro_codec_lookup (ro_fuzz_codec_names[i]);
      g_autoptr(GBytes) other = NULL;
      g_autofree char *target = NULL;

      if (codec == NULL || codec == ro_codec_json ())
        continue;
      other = codec->encode (message);
      data = g_bytes_get_data (other, &size);
      target = g_strdup_printf ("%s-decode", codec->name);
      write_seed (target, name, data + RO_FRAME_HEADER_SIZE, size - RO_FRAME_HEADER_SIZE);
    }
}

/* Bodies of push messages, from the value tests of test-json-codec.c. */
static const char * const pushed_values[] = {
  "true", "byte 255", "int16 -32768", "uint16 65535", "int32 -2147483648",
  "uint32 4294967295", "handle -1", "int64 9223372036854775807",
  "int64 -9007199254740993", "uint64 18446744073709551615", "uint64 9007199254740992",
  "15.0", "0.1", "-0.0", "nan", "inf", "-inf", "1.7976931348623157e308",
  "2.2250738585072014e-308", "'Grüße, 世界 😀'", "'\"\\\\/\\b\\f\\n\\r\\t\\u0001\\u001f\\u007f é'",
  "objectpath '/org/example/Thing'", "signature 'a{sv}'",
  "@mmb just nothing", "@mmmi just just just 7", "@mv just <@ms nothing>", "@may just []",
  "@am(ms) [nothing, just (nothing,), just (just 'x',)]",
  "@a{smms} {'a': nothing, 'b': just nothing, 'c': just just 'x'}",
  "@aas [[], ['x']]", "{'a': <1>, 'b': <'x'>}", "@a{ss} {'': 'empty key', 'ü\"': 'quoted'}",
  "@a{ov} {'/a': <1>}", "@a{gs} {'a{sv}': 'x'}", "@a{is} {1: 'a', 2: 'b'}",
  "@a{xs} {9223372036854775807: 'max'}", "@a{ds} {1.5: 'x'}",
  "@a{sa{ss}} {'outer': {'inner': 'v'}}", "(1, 'two', [3.0], (), (true,))", "@{sv} {'k', <1>}",
  "@a(ii) [(1, 2), (3, 4)]", "<<<1>>>", "[<1>, <'x'>, <@ai []>]", "[true, false]",
  "@an [-32768, 32767]", "@aq [0, 65535]", "@ah [0, -1]",
  "@ax [0, -9223372036854775808, 9007199254740992]", "@at [0, 18446744073709551615]",
  "@ad [1.0, -0.0, nan, inf, -inf]", "@ay [0, 1, 2, 0, 255, 251, 255, 0]", "b'hello'",
  "@aay [[], [0]]", "@a{say} {'k': [97, 98]}",
};

/* Payloads the decoder must refuse, from the same file. */
static const char * const refused[] = {
  "{\"type\":\"ping\",\"serial\":1,}",
  "{\"type\":\"ping\",\"serial\":1}x",
  "{\"type\":\"bogus\",\"serial\":1}",
  "{\"type\":\"ping\",\"serial\":1,\"type\":\"ping\"}",
  "{\"type\":\"ping\",\"serial\":4294967296}",
  "{\"type\":\"ping\",\"serial\":1e0}",
  "{\"type\":\"acquire\",\"name\":\"\"}",
  "{\"type\":\"reply\",\"serial\":1,\"body\":[\"(ii)\",[1,2]]}",
  "{\"type\":\"ping\",\"serial\":1,\"body\":[\"()\",[],[]]}",
  "{\"type\":\"push\",\"serial\":1,\"name\":\"a\",\"member\":\"b\",\"body\":[\"v\",[\"ay\",\"AB==\"]]}",
  "{\"type\":\"push\",\"serial\":1,\"name\":\"a\",\"member\":\"b\",\"body\":[\"v\",[\"x\",\"-9223372036854775809\"]]}",
  "{\"type\":\"push\",\"serial\":1,\"name\":\"a\",\"member\":\"b\",\"body\":[\"v\",[\"d\",1e400]]}",
  "{\"type\":\"push\",\"serial\":1,\"name\":\"a\",\"member\":\"b\",\"body\":[\"v\",[\"s\",\"\\ud800\\u0041\"]]}",
  "{\"type\":\"push\",\"serial\":1,\"name\":\"a\",\"member\":\"b\",\"body\":[\"v\",[\"mmi\",[null,null]]]}",
  "{\"type\":\"push\",\"serial\":1,\"name\":\"a\",\"member\":\"b\",\"body\":[\"v\",[\"{vs}\",[[\"i\",1],\"x\"]]]}",
  "{\"type\":\"acquire\",\"name\":\"ends in an escape\\u00",
  "{\"type\":\"acquire\",\"name\":\"caf\xc3\"}",
};

static void
make_json_and_message_seeds (void)
{
  g_autoptr(GByteArray) stream = g_byte_array_new ();
  const char *every_body[RO_MESSAGE_N_TYPES] = {
    [RO_MESSAGE_HELLO] = "{'protocol': <'ro-glib'>, 'version': <uint32 1>, 'codecs': <['json']>, 'token': <''>}",
    [RO_MESSAGE_SOURCES] = "[('Thermostat', 'TestThing', 'f00d')]",
    [RO_MESSAGE_SOURCE_ADDED] = "('TestThing', 'f00d')",
    [RO_MESSAGE_SNAPSHOT] = "(('i', [('p', 'd', uint32 0, ''), ('c', 'i', 1, 'E')], [('s', '(sd)')], "
                            "[('m', '(d)', '()', false)], [('E', false, [('a', int64 0), ('b', 2)])]), "
                            "{'p': <1.0>, 'c': <2>})",
    [RO_MESSAGE_CHANGES] = "[('count', <3>), ('big', <int64 9007199254740993>), ('nan', <nan>), "
                           "('blob', <@ay [0, 1, 2]>), ('label', <@mms just nothing>)]",
    [RO_MESSAGE_SIGNAL] = "(@mi nothing, @mi 5, 0.1, -2.5e-300, 1e300)",
    [RO_MESSAGE_INVOKE] = "(15.0,)",
    [RO_MESSAGE_REPLY] = "(@a{is} {1: 'one', -2: 'two'},)",
    [RO_MESSAGE_ERROR] = "('ro-error-quark', 3, 'No method \"fly\"\\n')",
    [RO_MESSAGE_PUSH] = "<1>",
  };
  const gboolean has_serial[RO_MESSAGE_N_TYPES] = {
    [RO_MESSAGE_INVOKE] = TRUE, [RO_MESSAGE_CANCEL] = TRUE, [RO_MESSAGE_REPLY] = TRUE,
    [RO_MESSAGE_ERROR] = TRUE, [RO_MESSAGE_PUSH] = TRUE, [RO_MESSAGE_PING] = TRUE,
    [RO_MESSAGE_PONG] = TRUE,
  };
  const gboolean has_name[RO_MESSAGE_N_TYPES] = {
    [RO_MESSAGE_SOURCE_ADDED] = TRUE, [RO_MESSAGE_SOURCE_REMOVED] = TRUE,
    [RO_MESSAGE_ACQUIRE] = TRUE, [RO_MESSAGE_RELEASE] = TRUE, [RO_MESSAGE_SNAPSHOT] = TRUE,
    [RO_MESSAGE_CHANGES] = TRUE, [RO_MESSAGE_SIGNAL] = TRUE, [RO_MESSAGE_INVOKE] = TRUE,
    [RO_MESSAGE_PUSH] = TRUE,
  };
  const gboolean has_member[RO_MESSAGE_N_TYPES] = {
    [RO_MESSAGE_SIGNAL] = TRUE, [RO_MESSAGE_INVOKE] = TRUE, [RO_MESSAGE_PUSH] = TRUE,
  };

  /* One of each type, in the order of a session: these also make the
   * stream the frame buffer seeds cut up. */
  for (RoMessageType type = 0; type < RO_MESSAGE_N_TYPES; type++)
    {
      g_autofree char *name = g_strdup_printf ("type-%s", ro_message_type_to_string (type));

      add_message (stream, name,
                   make_message (type, has_serial[type] ? 42 : 0,
                                 has_name[type] ? "Thermostat" : NULL,
                                 has_member[type] ? (type == RO_MESSAGE_SIGNAL ? "overheat" : "heat") : NULL,
                                 every_body[type]));
    }

  /* The rest of test_pinned_format() */
  add_message (NULL, "pinned-invoke-no-reply",
               make_message (RO_MESSAGE_INVOKE, 0, "Thermostat", "reset", "()"));
  add_message (NULL, "pinned-reply-max-serial",
               make_message (RO_MESSAGE_REPLY, G_MAXUINT32, NULL, NULL, "()"));
  add_message (NULL, "pinned-signal-unicode",
               make_message (RO_MESSAGE_SIGNAL, 0, "Grüße", "ünïcödé", "(@mi nothing, 1e300)"));
  add_message (NULL, "pinned-changes-deep",
               make_message (RO_MESSAGE_CHANGES, 0, "Deep", NULL,
                             "[('v', <<<<<<<<[{'k': <(1.5, @a{is} {1: 'x'})>}]>>>>>>>>)]"));

  /* Bodies nested 60 levels deep, just within what every decoder takes:
   * the mutations of these reach the limits. */
  for (guint kind = 0; kind < 4; kind++)
    {
      static const char * const names[] = { "limit-tuples", "limit-variants", "limit-maybes", "limit-arrays" };
      RoMessage *message = make_message (RO_MESSAGE_SIGNAL, 0, "Deep", "nested", NULL);
      GVariant *value = g_variant_new_int32 (1);

      for (guint i = 0; i < 59; i++)
        switch (kind)
          {
          case 0: value = g_variant_new_tuple (&value, 1); break;
          case 1: value = g_variant_new_variant (value); break;
          case 2: value = g_variant_new_maybe (NULL, value); break;
          default: value = g_variant_new_array (NULL, &value, 1); break;
          }
      message->body = g_variant_ref_sink (g_variant_new_tuple (&value, 1));
      add_message (NULL, names[kind], message);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (pushed_values); i++)
    {
      g_autofree char *name = g_strdup_printf ("push-%02" G_GSIZE_FORMAT, i);
      g_autofree char *body = g_strdup_printf ("<%s>", pushed_values[i]);

      add_message (NULL, name, make_message (RO_MESSAGE_PUSH, 1, "a", "b", body));
    }

  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *name = g_strdup_printf ("refused-%02" G_GSIZE_FORMAT, i);

      write_seed ("json-decode", name, (const guint8 *) refused[i], strlen (refused[i]));
    }
  {
    const char *spaced = " \r\n\t{ \"body\" : [ \"(di)\" , [ 15 , -3 ] ] , \"member\":\"heat\",\n"
                         "\"name\" : \"Therm\\u006fstat\", \"serial\" : 3 , \"type\" : \"invoke\" } \n";

    write_seed ("json-decode", "whitespace-and-order", (const guint8 *) spaced, strlen (spaced));
  }

  /* Messages the validator refuses. */
  {
    const struct { const char *name; RoMessageType type; guint32 serial;
                   const char *source; const char *member; const char *body; } invalid[] = {
      { "invalid-ping-no-serial", RO_MESSAGE_PING, 0, NULL, NULL, NULL },
      { "invalid-acquire-member", RO_MESSAGE_ACQUIRE, 0, "a", "b", NULL },
      { "invalid-hello-body", RO_MESSAGE_HELLO, 0, NULL, NULL, "@a{ss} {}" },
      { "invalid-reply-two", RO_MESSAGE_REPLY, 1, NULL, NULL, "(1, 2)" },
      { "invalid-signal-not-tuple", RO_MESSAGE_SIGNAL, 0, "a", "b", "1" },
      { "invalid-sources-serial", RO_MESSAGE_SOURCES, 7, NULL, NULL, "@a(sss) []" },
    };

    for (gsize i = 0; i < G_N_ELEMENTS (invalid); i++)
      {
        g_autoptr(RoMessage) message = make_message (invalid[i].type, invalid[i].serial, invalid[i].source,
                                                     invalid[i].member, invalid[i].body);
        g_autoptr(GBytes) input = ro_fuzz_message_input (message);

        g_assert_false (ro_message_validate (message, NULL));
        write_seed_bytes ("message", invalid[i].name, input);
      }

    /* An unknown type, and a name that is not UTF-8. */
    write_seed ("message", "invalid-type", (const guint8 *) "\x11\x00\x00\x00\x00\x00", 6);
    write_seed ("message", "invalid-name-utf8", (const guint8 *) "\x04\x02\x00\x00\x00\x00\x03\xc3\x28x", 10);
  }

  /* The frame buffer: the stream of every message type, in chunks of
   * various sizes, under various limits. */
  {
    const struct { const char *name; guint8 max_index; gsize chunk; } cuts[] = {
      { "stream-default-1", 10, 1 },
      { "stream-default-7", 10, 7 },
      { "stream-default-255", 10, 255 },
      { "stream-4096-64", 7, 64 },
      { "stream-100-13", 4, 13 },
      { "stream-max-200", 12, 200 },
    };

    for (gsize i = 0; i < G_N_ELEMENTS (cuts); i++)
      {
        g_autoptr(GBytes) input = ro_fuzz_frame_buffer_input (stream->data, stream->len,
                                                              cuts[i].max_index, cuts[i].chunk);

        write_seed_bytes ("frame-buffer", cuts[i].name, input);
      }
  }
}

/* Frame buffer input: a chunk of @n bytes with a reserve hint. */
static void
add_chunk (GByteArray *input,
           guint8      hint,
           const char *bytes,
           gsize       n)
{
  guint8 head[2] = { (guint8) n, hint };

  g_assert (n > 0 && n <= 255);
  g_byte_array_append (input, head, sizeof head);
  g_byte_array_append (input, (const guint8 *) bytes, n);
}

/* Frame buffer input: a new maximum frame size. */
static void
add_limit (GByteArray *input,
           guint8      max_index)
{
  guint8 head[2] = { 0, max_index };

  g_byte_array_append (input, head, sizeof head);
}

static void
write_frame_buffer_seed (const char *name,
                         GByteArray *input)
{
  write_seed ("frame-buffer", name, input->data, input->len);
  g_byte_array_unref (input);
}

static GByteArray *
new_input (guint8 max_index)
{
  GByteArray *input = g_byte_array_new ();

  g_byte_array_append (input, &max_index, 1);
  return input;
}

/* Hand-made streams (limits by index: 3 is 16 bytes, 5 is 255, 10 the
 * default, 11 G_MAXUINT32, 12 G_MAXSIZE). */
static void
make_frame_buffer_seeds (void)
{
  GByteArray *input;

  /* Tiny frames, several in a chunk and one across two. */
  input = new_input (12);
  add_chunk (input, 0, "\0\0\0\1a\0\0\0\2bc\0", 12);
  add_chunk (input, 0x90, "\0\1d", 3);
  write_frame_buffer_seed ("tiny-frames", input);

  /* A frame, then an empty one: an error. */
  input = new_input (10);
  add_chunk (input, 0x81, "\0\0\0\1x\0\0\0\0", 9);
  write_frame_buffer_seed ("empty-frame", input);

  /* A frame over the limit, which a higher limit then lets through. */
  input = new_input (3);
  add_chunk (input, 0, "\0\0\0\24hello, ", 11);
  add_limit (input, 5);
  add_chunk (input, 2, "twenty bytes", 13);
  write_frame_buffer_seed ("over-limit-then-raised", input);

  /* A header announcing 4 GiB, and a large reserve. */
  input = new_input (11);
  add_chunk (input, 0xc0, "\xff\xff\xff\xffyyyy", 8);
  add_chunk (input, 0xff, "zzzz", 4);
  write_frame_buffer_seed ("huge-header", input);

  /* A header in two halves, then the payload. */
  input = new_input (10);
  add_chunk (input, 0, "\0\0", 2);
  add_chunk (input, 0, "\0\3", 2);
  add_chunk (input, 0x7f, "abc", 3);
  write_frame_buffer_seed ("cut-header", input);
}

static void
write_info_seed (const char *name,
                 GVariant   *variant)
{
  g_autoptr(GVariant) sunk = g_variant_take_ref (variant);
  g_autoptr(GVariant) normal = g_variant_get_normal_form (sunk);

  write_seed ("interface-info", name, g_variant_get_data (normal), g_variant_get_size (normal));
}

static void
make_interface_info_seeds (void)
{
  static const struct { const char *name; const char *text; } infos[] = {
    { "empty", "('E', @a(ssus) [], @a(ss) [], @a(sssb) [], @a(sba(sx)) [])" },
    { "small", "('Thermostat', [('temperature', 'd', uint32 1, ''), ('mode', 'i', 0, 'Mode')], "
               "[('overheat', '(msd)')], [('heat', '(d)', '(b)', true), ('reset', '()', '()', false)], "
               "[('Mode', false, [('off', int64 0), ('on', 1)]), ('Bits', true, [('a', 1), ('b', 2)])])" },
    { "types", "('Types', [('a', 'a{sv}', uint32 2, ''), ('b', 'mmay', 3, ''), ('c', '(xtd)', 0, '')], "
               "[('s', '(a(ii)v)')], [('m', '(ah)', '(o)', false)], @a(sba(sx)) [])" },
    /* Refused: a bad name, a duplicate, a mode out of range, an undeclared
     * enum, a repeated nick, a method with two results. */
    { "refused-name", "('1bad', @a(ssus) [], @a(ss) [], @a(sssb) [], @a(sba(sx)) [])" },
    { "refused-duplicate", "('I', [('p', 'i', uint32 0, ''), ('p', 'd', 0, '')], @a(ss) [], "
                           "@a(sssb) [], @a(sba(sx)) [])" },
    { "refused-mode", "('I', [('p', 'i', uint32 9, '')], @a(ss) [], @a(sssb) [], @a(sba(sx)) [])" },
    { "refused-enum", "('I', [('p', 'i', uint32 0, 'Nope')], @a(ss) [], @a(sssb) [], @a(sba(sx)) [])" },
    { "refused-nick", "('I', @a(ssus) [], @a(ss) [], @a(sssb) [], [('E', false, [('a', int64 0), ('a', 1)])])" },
    { "refused-result", "('I', @a(ssus) [], @a(ss) [], [('m', '()', '(ii)', false)], @a(sba(sx)) [])" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (infos); i++)
    {
      g_autoptr(GError) error = NULL;
      GVariant *v = g_variant_parse (G_VARIANT_TYPE ("(sa(ssus)a(ss)a(sssb)a(sba(sx)))"),
                                     infos[i].text, NULL, NULL, &error);

      g_assert_no_error (error);
      write_info_seed (infos[i].name, v);
    }

  /* The interface the tests share, as ro_interface_info_new_for_type()
   * sees it. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RoInterfaceInfo) info = ro_interface_info_new_for_type (TEST_TYPE_THING, &error);

    g_assert_no_error (error);
    write_info_seed ("test-thing", ro_interface_info_to_variant (info));
  }
}

int
main (int   argc,
      char *argv[])
{
  if (argc != 2)
    {
      g_printerr ("Usage: %s DIR\n", argv[0]);
      return 2;
    }
  out_dir = argv[1];

  make_json_and_message_seeds ();
  make_frame_buffer_seeds ();
  make_interface_info_seeds ();
  return 0;
}
