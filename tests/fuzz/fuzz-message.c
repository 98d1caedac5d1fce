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
 *               serialised data (made canonical, as every sender makes a
 *               value: ro_message_canonical_value())
 *
 * ro_message_validate() must refuse the message with RO_ERROR_PROTOCOL, or
 * accept it; what it accepts must encode with every codec (ro-codec.h
 * promises that), and decode again through the same codec (which validates
 * once more) to the same message.
 */

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
      message->body = ro_message_canonical_value (value);
    }

  return g_steal_pointer (&message);
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
        ro_fuzz_round_trip (codec, message);
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
