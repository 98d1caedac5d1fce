/* ro-variant-format.c: rules of GVariant's serialization format
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "ro-variant-format.h"

gboolean
ro_variant_is_string (const guint8 *data,
                      gsize         size)
{
  return size > 0 && data[size - 1] == '\0' && memchr (data, '\0', size - 1) == NULL &&
         g_utf8_validate ((const char *) data, size - 1, NULL);
}

gsize
ro_variant_offset_size (gsize size)
{
  if (size > G_MAXUINT32)
    return 8;
  if (size > G_MAXUINT16)
    return 4;
  if (size > G_MAXUINT8)
    return 2;
  return size > 0 ? 1 : 0;
}

gsize
ro_variant_framed_size (gsize body,
                        gsize n_offsets)
{
  if (n_offsets == 0)
    return body;
  if (body + n_offsets <= G_MAXUINT8)
    return body + n_offsets;
  if (body + 2 * n_offsets <= G_MAXUINT16)
    return body + 2 * n_offsets;
  if (body + 4 * n_offsets <= G_MAXUINT32)
    return body + 4 * n_offsets;
  return body + 8 * n_offsets;
}

gsize
ro_variant_read_offset (const guint8 *data,
                        gsize         size)
{
  guint64 value = 0;

  for (gsize i = 0; i < size; i++)
    value |= (guint64) data[i] << (8 * i);
  return (gsize) value;
}

void
ro_variant_write_offset (guint8 *out,
                         gsize   value,
                         gsize   size)
{
  for (gsize i = 0; i < size; i++)
    out[i] = (guint8) (value >> (8 * i));
}

GVariant *
ro_variant_new_trusted (const GVariantType *type,
                        GBytes             *bytes)
{
  GVariant *value = g_variant_ref_sink (g_variant_new_from_bytes (type, bytes, TRUE));

  if (G_BYTE_ORDER == G_BIG_ENDIAN)
    {
      GVariant *swapped = g_variant_byteswap (value);

      g_variant_unref (value);
      value = swapped;
    }
  return value;
}
