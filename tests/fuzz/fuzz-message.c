/* fuzz-message.c: the message validator, and the codec on what it accepts
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * The input is a message in a plain binary form, so that any field can hold
 * anything a local caller could put there:
 *
 *   byte 0      type (kept as is modulo RO_MESSAGE_N_TYPES + 2, so that
 *               unknown types occur too)
 *   byte 1      flags: 1 serial, 2 name, 4 member, 8 body
 *   bytes 2-5   serial, big-endian (used only with flag 1)
 *   then        name if flag 2, member if flag 4: a length byte and as many
 *               bytes (cut at a NUL, as a C string would be)
 *   then        body if flag 8: a length byte, a GVariant type string of
 *               that length, and the rest of the input as the value's
 *               serialised data (in normal form, as GVariant makes it)
 *
 * ro_message_validate() must refuse the message with RO_ERROR_PROTOCOL, or
 * accept it; what it accepts must encode with every codec (ro-codec.h
 * promises that), and decode again through the same codec (which validates
 * once more) to the same message, unless the body nests deeper than the
 * decoders allow.
 */

#include <math.h>
#include <string.h>

#include "fuzz.h"
#include "ro-codec.h"

enum {
  FLAG_SERIAL = 1 << 0,
  FLAG_NAME = 1 << 1,
  FLAG_MEMBER = 1 << 2,
  FLAG_BODY = 1 << 3,
};

typedef struct
{
  const guint8 *p;
  const guint8 *end;
} Reader;

/* A length byte and that many bytes, as a C string. */
static char *
read_string (Reader *r)
{
  gsize n;
  char *s;

  if (r->p >= r->end)
    return g_strdup ("");

  n = MIN (*r->p, (gsize) (r->end - r->p - 1));
  s = g_strndup ((const char *) r->p + 1, n);
  r->p += 1 + n;
  return s;
}

/* Compares as g_variant_equal() does, except that every NaN is equal to
 * every other: JSON has only one. */
static gboolean
values_equal (GVariant *a,
              GVariant *b)
{
  gsize n;

  if (!g_variant_type_equal (g_variant_get_type (a), g_variant_get_type (b)))
    return FALSE;

  if (g_variant_is_of_type (a, G_VARIANT_TYPE_DOUBLE) &&
      isnan (g_variant_get_double (a)) && isnan (g_variant_get_double (b)))
    return TRUE;

  if (!g_variant_is_container (a))
    return g_variant_equal (a, b);

  n = g_variant_n_children (a);
  if (n != g_variant_n_children (b))
    return FALSE;

  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) ca = g_variant_get_child_value (a, i);
      g_autoptr(GVariant) cb = g_variant_get_child_value (b, i);

      if (!values_equal (ca, cb))
        return FALSE;
    }
  return TRUE;
}

static RoMessage *
read_message (const guint8 *data,
              gsize         size)
{
  Reader r = { data + 6, data + size };
  g_autoptr(RoMessage) message = NULL;
  guint8 flags;
  guint32 serial;

  if (size < 6)
    return NULL;

  message = ro_message_new ((RoMessageType) (data[0] % (RO_MESSAGE_N_TYPES + 2)));
  flags = data[1];
  memcpy (&serial, data + 2, sizeof serial);
  if (flags & FLAG_SERIAL)
    message->serial = GUINT32_FROM_BE (serial);
  if (flags & FLAG_NAME)
    message->name = read_string (&r);
  if (flags & FLAG_MEMBER)
    message->member = read_string (&r);

  if (flags & FLAG_BODY)
    {
      g_autofree char *type_string = read_string (&r);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GVariant) value = NULL;

      if (!g_variant_type_string_is_valid (type_string) ||
          !g_variant_type_is_definite (G_VARIANT_TYPE (type_string)))
        return NULL;

      /* A copy of its own, suitably aligned. */
      bytes = g_bytes_new (r.p, r.end - r.p);
      value = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (type_string), bytes, FALSE));
      message->body = g_variant_get_normal_form (value);
    }

  return g_steal_pointer (&message);
}

/* What the validator accepted must go through @codec and back. */
static void
round_trip (const RoCodec   *codec,
            const RoMessage *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) frame = NULL;
  g_autoptr(RoMessage) back = NULL;
  g_autoptr(GBytes) again = NULL;
  const guint8 *payload;
  gsize length;
  guint32 header;

  frame = codec->encode (message);
  g_assert_nonnull (frame);
  payload = g_bytes_get_data (frame, &length);
  g_assert_cmpuint (length, >, RO_FRAME_HEADER_SIZE);
  memcpy (&header, payload, sizeof header);
  g_assert_cmpuint (GUINT32_FROM_BE (header), ==, length - RO_FRAME_HEADER_SIZE);
  payload += RO_FRAME_HEADER_SIZE;
  length -= RO_FRAME_HEADER_SIZE;

  back = codec->decode (payload, length, &error);
  if (back == NULL)
    {
      ro_fuzz_assert_protocol_error (error);
      /* Only a body nested too deep may be refused. */
      if (message->body == NULL ||
          ro_fuzz_value_depth (message->body) <= RO_MAX_NESTING_DEPTH - 2)
        g_error ("The %s codec refused a valid message: %s", codec->name, error->message);
      return;
    }

  g_assert_no_error (error);
  g_assert_cmpint (back->type, ==, message->type);
  g_assert_cmpuint (back->serial, ==, message->serial);
  g_assert_cmpstr (back->name, ==, message->name);
  g_assert_cmpstr (back->member, ==, message->member);
  g_assert_true ((back->body == NULL) == (message->body == NULL));
  if (back->body != NULL && !values_equal (back->body, message->body))
    {
      g_autofree char *sent = g_variant_print (message->body, TRUE);
      g_autofree char *received = g_variant_print (back->body, TRUE);

      g_error ("The %s codec changed a body: %s came back as %s", codec->name, sent, received);
    }

  /* What was decoded encodes to the same bytes. */
  again = codec->encode (back);
  g_assert_true (g_bytes_equal (again, frame));
}

void
ro_fuzz_message (const guint8 *data,
                 gsize         size)
{
  g_autoptr(RoMessage) message = read_message (data, size);
  g_autoptr(GError) error = NULL;

  if (message == NULL)
    return;

  if (!ro_message_validate (message, &error))
    {
      ro_fuzz_assert_protocol_error (error);
      return;
    }
  g_assert_no_error (error);

  for (gsize i = 0; ro_fuzz_codec_names[i] != NULL; i++)
    {
      const RoCodec *codec = ro_codec_lookup (ro_fuzz_codec_names[i]);

      if (codec != NULL)
        round_trip (codec, message);
    }
}

/* The input that makes @message; names longer than 255 bytes are cut. */
GBytes *
ro_fuzz_message_input (const RoMessage *message)
{
  GByteArray *input = g_byte_array_new ();
  guint8 head[6];
  guint32 serial = GUINT32_TO_BE (message->serial);
  const char *strings[3] = { message->name, message->member, NULL };

  head[0] = (guint8) message->type;
  head[1] = (message->serial != 0 ? FLAG_SERIAL : 0) |
            (message->name != NULL ? FLAG_NAME : 0) |
            (message->member != NULL ? FLAG_MEMBER : 0) |
            (message->body != NULL ? FLAG_BODY : 0);
  memcpy (head + 2, &serial, sizeof serial);
  g_byte_array_append (input, head, sizeof head);

  if (message->body != NULL)
    strings[2] = g_variant_get_type_string (message->body);

  for (gsize i = 0; i < G_N_ELEMENTS (strings); i++)
    if (strings[i] != NULL)
      {
        guint8 n = (guint8) MIN (strlen (strings[i]), 255);

        g_byte_array_append (input, &n, 1);
        g_byte_array_append (input, (const guint8 *) strings[i], n);
      }

  if (message->body != NULL)
    g_byte_array_append (input, g_variant_get_data (message->body), g_variant_get_size (message->body));

  return g_byte_array_free_to_bytes (input);
}

#ifdef RO_FUZZ_ENTRY_POINT
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  ro_fuzz_init ();
  ro_fuzz_message (data, size);
  return 0;
}
#endif
