/* ro-gvariant-codec.c: messages as serialized GVariants
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * The binary codec, chosen in the hello when both ends have it. A payload
 * is one GVariant of type (yumsmsmv) in GVariant's serialization format,
 * little-endian:
 *
 *   y   message type (the RoMessageType number)
 *   u   serial (0 when absent)
 *   ms  source name
 *   ms  member name
 *   mv  body
 *
 * Only the canonical encoding of a message is accepted: the one GVariant
 * itself writes. The envelope is written and read here by hand, the body
 * with GVariant and ro_variant_read_boxed() (which also refuses values
 * nested deeper than the protocol allows); the message is then validated
 * like the JSON codec's.
 */

#include "config.h"

#include <string.h>

#include "ro-codec.h"
#include "ro-variant-reader.h"

#define PAYLOAD_TYPE "(yumsmsmv)"

/* Where the envelope's items go: the type, padding, the serial, then the
 * two names from NAMES_START; the two offsets framing the names end it. */
#define SERIAL_START  4
#define NAMES_START   8
#define N_OFFSETS     2

/* The envelope is simple enough to write and read by hand, which spares
 * building GVariants for it: only the body is a GVariant. */

static gsize
maybe_string_size (const char *s)
{
  /* A Just of variable size ends with a zero byte after its data. */
  return s != NULL ? strlen (s) + 2 : 0;
}

static guint8 *
put_maybe_string (guint8     *out,
                  const char *s)
{
  gsize size = maybe_string_size (s);

  if (size > 0)
    memcpy (out, s, size - 1);   /* the string and its NUL */
  return out + size;
}

static GBytes *
gvariant_encode (const RoMessage *message)
{
  g_autoptr(GVariant) body = NULL;
  const char *body_type = NULL;
  gsize body_size = 0, names_end, member_end, boxed_start, end, size, osize;
  guint32 serial = GUINT32_TO_LE (message->serial);
  guint32 header;
  guint8 *frame, *payload, *out;

  if (message->body != NULL)
    {
      body = G_BYTE_ORDER == G_BIG_ENDIAN ? g_variant_byteswap (message->body) : g_variant_ref (message->body);
      body_type = g_variant_get_type_string (body);
      body_size = g_variant_get_size (body);
    }

  names_end = NAMES_START + maybe_string_size (message->name);
  member_end = names_end + maybe_string_size (message->member);
  boxed_start = (member_end + 7) & ~(gsize) 7;
  /* The body, a NUL, its type, and the maybe's zero byte. */
  end = boxed_start + (body != NULL ? body_size + 1 + strlen (body_type) + 1 : 0);
  size = ro_variant_framed_size (end, N_OFFSETS);
  osize = (size - end) / N_OFFSETS;

  frame = g_malloc0 (RO_FRAME_HEADER_SIZE + size);
  header = GUINT32_TO_BE ((guint32) size);
  memcpy (frame, &header, RO_FRAME_HEADER_SIZE);
  payload = frame + RO_FRAME_HEADER_SIZE;

  payload[0] = (guint8) message->type;
  memcpy (payload + SERIAL_START, &serial, sizeof serial);
  out = put_maybe_string (payload + NAMES_START, message->name);
  put_maybe_string (out, message->member);
  if (body != NULL)
    {
      /* g_variant_store() of the body alone would need aligned memory. */
      if (body_size > 0)
        memcpy (payload + boxed_start, g_variant_get_data (body), body_size);
      memcpy (payload + boxed_start + body_size + 1, body_type, strlen (body_type));
    }
  /* The offsets of the names' ends, the first name's last. */
  ro_variant_write_offset (payload + end, member_end, osize);
  ro_variant_write_offset (payload + end + osize, names_end, osize);

  return g_bytes_new_take (frame, RO_FRAME_HEADER_SIZE + size);
}

static gboolean
get_maybe_string (const guint8  *data,
                  gsize          size,
                  char         **string)
{
  if (size == 0)
    return TRUE;
  if (data[size - 1] != 0 || !ro_variant_is_string (data, size - 1))
    return FALSE;
  *string = g_strdup ((const char *) data);
  return TRUE;
}

static RoMessage *
gvariant_decode (const guint8  *data,
                 gsize          length,
                 GError       **error)
{
  g_autoptr(RoMessage) message = NULL;
  RoVariantReadResult result = RO_VARIANT_READ_NOT_CANONICAL;
  gsize osize = ro_variant_offset_size (length);
  gsize end, names_end, member_end, boxed_start;
  guint32 serial;

  if (length < NAMES_START + N_OFFSETS || data[0] >= RO_MESSAGE_N_TYPES)
    goto refused;
  end = length - N_OFFSETS * osize;
  names_end = ro_variant_read_offset (data + length - osize, osize);
  member_end = ro_variant_read_offset (data + length - 2 * osize, osize);
  boxed_start = (member_end + 7) & ~(gsize) 7;
  if (ro_variant_framed_size (end, N_OFFSETS) != length ||
      data[1] != 0 || data[2] != 0 || data[3] != 0 ||
      names_end < NAMES_START || member_end < names_end || boxed_start > end)
    goto refused;
  for (gsize i = member_end; i < boxed_start; i++)
    if (data[i] != 0)
      goto refused;

  message = ro_message_new ((RoMessageType) data[0]);
  memcpy (&serial, data + SERIAL_START, sizeof serial);
  message->serial = GUINT32_FROM_LE (serial);
  if (!get_maybe_string (data + NAMES_START, names_end - NAMES_START, &message->name) ||
      !get_maybe_string (data + names_end, member_end - names_end, &message->member))
    goto refused;

  if (end > boxed_start)
    {
      /* The body's levels come under its variant's. */
      if (data[end - 1] != 0)
        goto refused;
      message->body = ro_variant_read_boxed (data + boxed_start, end - 1 - boxed_start,
                                             RO_MAX_NESTING_DEPTH + 1, &message->body_depth, &result);
      message->body_measured = TRUE;
      if (message->body == NULL)
        goto refused;
    }

  if (!ro_message_validate (message, error))
    return NULL;
  return g_steal_pointer (&message);

refused:
  if (result == RO_VARIANT_READ_TOO_DEEP)
    g_set_error (error, RO_ERROR, RO_ERROR_PROTOCOL,
                 "A binary message nests deeper than %d levels or has a type longer than %d",
                 RO_MAX_NESTING_DEPTH, RO_MAX_TYPE_STRING_LENGTH);
  else if (length > 0 && data[0] >= RO_MESSAGE_N_TYPES)
    g_set_error (error, RO_ERROR, RO_ERROR_PROTOCOL, "Unknown binary message type %u", data[0]);
  else
    g_set_error_literal (error, RO_ERROR, RO_ERROR_PROTOCOL,
                         "A binary message is not a GVariant of type " PAYLOAD_TYPE " in its canonical encoding");
  return NULL;
}

/**
 * ro_codec_gvariant:
 *
 * Gets the binary codec, named `gvariant` in hellos.
 *
 * Returns: (transfer none): the codec
 */
const RoCodec *
ro_codec_gvariant (void)
{
  static const RoCodec codec = { "gvariant", gvariant_encode, gvariant_decode };

  return &codec;
}
