/* test-gvariant-codec.c: the binary codec
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include <ro-glib/ro-glib.h>

#include "ro-codec.h"

static RoMessage *
make (RoMessageType  type,
      guint32        serial,
      const char    *name,
      const char    *member,
      const char    *body)
{
  RoMessage *message = ro_message_new (type);

  message->serial = serial;
  message->name = g_strdup (name);
  message->member = g_strdup (member);
  message->body = body != NULL ? g_variant_ref_sink (g_variant_new_parsed (body)) : NULL;
  return message;
}

static RoMessage *
decode_frame (GBytes  *frame,
              GError **error)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (frame, &size);
  guint32 length;

  memcpy (&length, data, 4);
  g_assert_cmpuint (GUINT32_FROM_BE (length), ==, size - 4);
  return ro_codec_gvariant ()->decode (data + 4, size - 4, error);
}

static void
test_round_trip (void)
{
  RoMessage *messages[] = {
    make (RO_MESSAGE_HELLO, 0, NULL, NULL, "{'protocol': <'ro-glib'>, 'version': <uint32 1>, 'codecs': <['gvariant', 'json']>, 'token': <'t'>}"),
    make (RO_MESSAGE_SOURCES, 0, NULL, NULL, "[('Thing', 'TestThing', 'abc')]"),
    make (RO_MESSAGE_SOURCE_ADDED, 0, "Thing", NULL, "('TestThing', 'abc')"),
    make (RO_MESSAGE_SOURCE_REMOVED, 0, "Thing", NULL, NULL),
    make (RO_MESSAGE_ACQUIRE, 0, "Thing", NULL, NULL),
    make (RO_MESSAGE_RELEASE, 0, "Thing", NULL, NULL),
    make (RO_MESSAGE_CHANGES, 0, "Thing", NULL, "[('count', <1>), ('count', <2>), ('room', <@ms nothing>)]"),
    make (RO_MESSAGE_SIGNAL, 0, "Thing", "overheat", "(@ms 'hot', 99.5)"),
    make (RO_MESSAGE_INVOKE, 7, "Thing", "add", "(20, 22)"),
    make (RO_MESSAGE_INVOKE, 0, "Thing", "burst", "(5,)"),
    make (RO_MESSAGE_CANCEL, 7, NULL, NULL, NULL),
    make (RO_MESSAGE_REPLY, 7, NULL, NULL, "(42,)"),
    make (RO_MESSAGE_REPLY, 8, NULL, NULL, "()"),
    make (RO_MESSAGE_ERROR, 9, NULL, NULL, "('ro-error-quark', 3, 'no such method')"),
    make (RO_MESSAGE_PUSH, 10, "Thing", "count", "<11>"),
    make (RO_MESSAGE_PING, 1, NULL, NULL, NULL),
    make (RO_MESSAGE_PONG, 1, NULL, NULL, NULL),
    /* More tuple types nested than the reader keeps layouts for, inside
     * arrays and variants, each read while its parents' are in use. */
    make (RO_MESSAGE_SIGNAL, 0, "Thing", "nested",
          "((1, ('a', (byte 2, (true, (int16 3, (uint32 4, (int64 5, (uint64 6, (7.5, ('b', [(1, 'c')])))))))))), "
          "[<(1, ('x', (byte 2, (true, (int16 3, (uint32 4, (int64 5, (uint64 6, ('y',)))))))))>, <('z', 1)>])"),
  };

  for (gsize i = 0; i < G_N_ELEMENTS (messages); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RoMessage) in = messages[i];
      g_autoptr(GBytes) frame = NULL;
      g_autoptr(RoMessage) out = NULL;

      g_assert_true (ro_message_validate (in, &error));
      frame = ro_codec_gvariant ()->encode (in);
      out = decode_frame (frame, &error);
      g_assert_no_error (error);
      g_assert_cmpint (out->type, ==, in->type);
      g_assert_cmpuint (out->serial, ==, in->serial);
      g_assert_cmpstr (out->name, ==, in->name);
      g_assert_cmpstr (out->member, ==, in->member);
      if (in->body == NULL)
        g_assert_null (out->body);
      else
        g_assert_true (g_variant_equal (out->body, in->body));
    }
}

static void
expect_refused (GVariant *payload)
{
  g_autoptr(GVariant) owned = g_variant_ref_sink (payload);
  g_autoptr(GError) error = NULL;
  g_autoptr(RoMessage) message = ro_codec_gvariant ()->decode (g_variant_get_data (owned),
                                                               g_variant_get_size (owned), &error);

  g_assert_null (message);
  g_assert_error (error, RO_ERROR, RO_ERROR_PROTOCOL);
}

static void
test_refused (void)
{
  static const guint8 garbage[] = { 0xff, 0x00, 0x13, 0x37, 0x42, 0x00, 0x00, 0x01, 0x02 };
  GVariant *nested = g_variant_new_int32 (1);
  g_autoptr(GError) error = NULL;
  g_autoptr(RoMessage) message = NULL;

  /* Bytes that are no message: a non-normal form. */
  message = ro_codec_gvariant ()->decode (garbage, sizeof garbage, &error);
  g_assert_null (message);
  g_assert_error (error, RO_ERROR, RO_ERROR_PROTOCOL);
  g_clear_error (&error);
  message = ro_codec_gvariant ()->decode (garbage, 0, &error);
  g_assert_null (message);
  g_assert_error (error, RO_ERROR, RO_ERROR_PROTOCOL);

  /* An unknown message type. */
  expect_refused (g_variant_new ("(yumsmsmv)", 200, 0, NULL, NULL, NULL));
  /* A valid shape that breaks the rules: an invoke without a member. */
  expect_refused (g_variant_new ("(yumsmsmv)", RO_MESSAGE_INVOKE, 1, "Thing", NULL,
                                 g_variant_new_tuple (NULL, 0)));
  /* Variants nested up to the limit arrive whole (and fast: GLib 2.74 is
   * exponential on such chains unless the codec avoids it). */
  {
    GVariant *allowed = g_variant_new_int32 (7);
    g_autoptr(RoMessage) in = ro_message_new (RO_MESSAGE_SIGNAL);
    g_autoptr(GBytes) frame = NULL;
    g_autoptr(RoMessage) out = NULL;
    g_autoptr(GError) local_error = NULL;

    for (int i = 0; i < RO_MAX_NESTING_DEPTH - 4; i++)
      allowed = g_variant_new_variant (allowed);
    in->name = g_strdup ("Thing");
    in->member = g_strdup ("deep");
    in->body = g_variant_ref_sink (g_variant_new_tuple (&allowed, 1));
    frame = ro_codec_gvariant ()->encode (in);
    out = decode_frame (frame, &local_error);
    g_assert_no_error (local_error);
    g_assert_true (g_variant_equal (out->body, in->body));
  }

  /* Variants nested past the limit. */
  for (int i = 0; i < RO_MAX_NESTING_DEPTH + 2; i++)
    nested = g_variant_new_variant (nested);
  expect_refused (g_variant_new ("(yumsmsmv)", RO_MESSAGE_SIGNAL, 0, "Thing", "deep",
                                 g_variant_new_tuple (&nested, 1)));
}

static void
test_offered (void)
{
  const char * const *offered = ro_codec_list_offered ();
  const char *forced = g_getenv ("RO_CODEC");

  if (forced != NULL)
    {
      g_assert_cmpstr (offered[0], ==, forced);
      g_assert_null (offered[1]);
    }
  else
    {
      /* The binary codec first: it is chosen when both ends have it. */
      g_assert_cmpstr (offered[0], ==, "gvariant");
      g_assert_true (g_strv_contains (offered, "json"));
    }
  g_assert_true (ro_codec_lookup ("gvariant") == ro_codec_gvariant ());
  g_assert_null (ro_codec_lookup ("xml"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/Ro/GVariantCodec/round-trip", test_round_trip);
  g_test_add_func ("/Ro/GVariantCodec/refused", test_refused);
  g_test_add_func ("/Ro/GVariantCodec/offered", test_offered);

  return g_test_run ();
}
