/* fuzz-common.c: helpers shared by the fuzz targets
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "ro-entries.h"

/* The JSON codec first: every build has it. */
const char * const ro_fuzz_codec_names[] = { "json", "gvariant", NULL };

/* GLib ends a program on a fatal message with a breakpoint (SIGTRAP),
 * even from g_log_default_handler(), and libFuzzer does not catch that: it
 * would save no input. Print and abort instead. */
static void
abort_on_fatal (const char     *log_domain,
                GLogLevelFlags  log_level,
                const char     *message,
                gpointer        user_data)
{
  if (!(log_level & (G_LOG_FLAG_FATAL | G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)))
    {
      g_log_default_handler (log_domain, log_level, message, user_data);
      return;
    }

  g_printerr ("%s%s%s\n", log_domain != NULL ? log_domain : "", log_domain != NULL ? ": " : "", message);
  abort ();
}

void
ro_fuzz_init (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);
      g_log_set_default_handler (abort_on_fatal, NULL);
      g_once_init_leave (&initialised, 1);
    }
}

void
ro_fuzz_assert_protocol_error (const GError *error)
{
  g_assert_nonnull (error);
  g_assert_true (error->domain == RO_ERROR);
  g_assert_cmpint (error->code, ==, RO_ERROR_PROTOCOL);
  g_assert_nonnull (error->message);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
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

void
ro_fuzz_round_trip (const RoCodec   *codec,
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
    g_error ("The %s codec refused a valid message: %s", codec->name, error->message);

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

static void
assert_same_message (const RoMessage *a,
                     const RoMessage *b)
{
  g_assert_cmpint (a->type, ==, b->type);
  g_assert_cmpuint (a->serial, ==, b->serial);
  g_assert_cmpstr (a->name, ==, b->name);
  g_assert_cmpstr (a->member, ==, b->member);
  g_assert_true ((a->body == NULL) == (b->body == NULL));
  if (a->body != NULL)
    {
      g_assert_false (g_variant_is_floating (a->body));
      g_assert_false (g_variant_is_floating (b->body));
      g_assert_true (g_variant_equal (a->body, b->body));
    }
}

/* Encodes @message, checks the frame, and returns a copy of its payload of
 * exactly the right size. */
static guint8 *
encode_payload (const RoCodec   *codec,
                const RoMessage *message,
                gsize           *length)
{
  g_autoptr(GBytes) frame = codec->encode (message);
  gsize size;
  const guint8 *data;
  guint32 header;

  g_assert_nonnull (frame);
  data = g_bytes_get_data (frame, &size);
  g_assert_cmpuint (size, >, RO_FRAME_HEADER_SIZE);
  memcpy (&header, data, sizeof header);
  g_assert_cmpuint (GUINT32_FROM_BE (header), ==, size - RO_FRAME_HEADER_SIZE);

  *length = size - RO_FRAME_HEADER_SIZE;
  return g_memdup2 (data + RO_FRAME_HEADER_SIZE, *length);
}

/* The entries of a decoded changes or snapshot body read in place are
 * those GLib's accessors give. */
static void
assert_entries_read (const RoMessage *message)
{
  g_autoptr(GVariant) array = NULL;
  g_autoptr(GArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  if (message->type == RO_MESSAGE_CHANGES)
    array = g_variant_ref (message->body);
  else if (message->type == RO_MESSAGE_SNAPSHOT)
    array = g_variant_get_child_value (message->body, 1);
  else
    return;

  entries = ro_entries_read (array, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, g_variant_n_children (array));
  for (guint i = 0; i < entries->len; i++)
    {
      RoEntry *entry = &g_array_index (entries, RoEntry, i);
      g_autoptr(GVariant) pair = g_variant_get_child_value (array, i);
      g_autoptr(GVariant) name = g_variant_get_child_value (pair, 0);
      g_autoptr(GVariant) boxed = g_variant_get_child_value (pair, 1);
      g_autoptr(GVariant) value = g_variant_get_variant (boxed);

      g_assert_cmpstr (entry->name, ==, g_variant_get_string (name, NULL));
      g_assert_true (values_equal (entry->value, value));
    }
}

void
ro_fuzz_decode (const RoCodec *codec,
                const guint8  *data,
                gsize          size,
                gboolean       canonical)
{
  /* A copy of exactly the input's size, so that any read past its end is
   * seen, whoever calls this. */
  g_autofree guint8 *payload = g_memdup2 (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(RoMessage) message = NULL;
  g_autoptr(RoMessage) back = NULL;
  g_autoptr(GError) back_error = NULL;
  g_autofree guint8 *encoded = NULL;
  g_autofree guint8 *reencoded = NULL;
  gsize encoded_length;
  gsize reencoded_length;

  message = codec->decode (payload, size, &error);
  if (message == NULL)
    {
      ro_fuzz_assert_protocol_error (error);
      return;
    }

  g_assert_no_error (error);
  g_assert_true (ro_message_validate (message, NULL));
  /* A decoder that measured the body agrees with the validator's walk. */
  if (message->body_measured)
    {
      message->body_measured = FALSE;
      g_assert_true (ro_message_validate (message, NULL));
      message->body_measured = TRUE;
    }

  assert_entries_read (message);

  encoded = encode_payload (codec, message, &encoded_length);
  back = codec->decode (encoded, encoded_length, &back_error);
  g_assert_no_error (back_error);
  g_assert_nonnull (back);
  assert_same_message (message, back);

  reencoded = encode_payload (codec, back, &reencoded_length);
  g_assert_cmpmem (encoded, encoded_length, reencoded, reencoded_length);

  /* A codec with a single encoding per message gives back the input. */
  if (canonical)
    g_assert_cmpmem (encoded, encoded_length, data, size);

  /* What one peer sent, a node may pass on to a peer that speaks another
   * codec. */
  for (gsize i = 0; ro_fuzz_codec_names[i] != NULL; i++)
    {
      const RoCodec *other = ro_codec_lookup (ro_fuzz_codec_names[i]);

      if (other != NULL && other != codec)
        ro_fuzz_round_trip (other, message);
    }
}
