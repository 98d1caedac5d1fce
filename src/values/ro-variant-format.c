/* ro-variant-format.c: rules of GVariant's serialization format
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "ro-variant-format.h"

void
ro_variant_type_layout (const GVariantType *type,
                        RoVariantLayout    *info)
{
  switch (g_variant_type_peek_string (type)[0])
    {
    case 'b': case 'y':
      *info = (RoVariantLayout) { 1, 1 };
      return;
    case 'n': case 'q':
      *info = (RoVariantLayout) { 2, 2 };
      return;
    case 'i': case 'u': case 'h':
      *info = (RoVariantLayout) { 4, 4 };
      return;
    case 'x': case 't': case 'd':
      *info = (RoVariantLayout) { 8, 8 };
      return;
    case 'v':
      *info = (RoVariantLayout) { 8, 0 };
      return;
    case 'm': case 'a':
      ro_variant_type_layout (g_variant_type_element (type), info);
      info->fixed_size = 0;
      return;
    case '(': case '{':
      {
        gsize end = 0;
        gboolean fixed = TRUE;

        info->align = 1;
        for (const GVariantType *item = g_variant_type_first (type);
             item != NULL;
             item = g_variant_type_next (item))
          {
            RoVariantLayout item_info;

            ro_variant_type_layout (item, &item_info);
            info->align = MAX (info->align, item_info.align);
            if (item_info.fixed_size == 0)
              fixed = FALSE;
            else if (fixed)
              end = (end + item_info.align - 1) / item_info.align * item_info.align + item_info.fixed_size;
          }
        /* The unit tuple is one zero byte. */
        if (!fixed)
          info->fixed_size = 0;
        else if (end == 0)
          info->fixed_size = 1;
        else
          info->fixed_size = (end + info->align - 1) / info->align * info->align;
      }
      return;
    default:  /* s, o, g */
      *info = (RoVariantLayout) { 1, 0 };
      return;
    }
}

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

gboolean
ro_variant_split (const guint8 *data,
                  gsize         size,
                  gsize        *child_size)
{
  gsize nul = size;

  while (nul > 0 && data[nul - 1] != '\0')
    nul--;
  if (nul == 0)
    return FALSE;
  *child_size = nul - 1;
  return TRUE;
}

void
ro_variant_append_padding (GByteArray *out,
                           gsize       align)
{
  static const guint8 zeros[8];

  g_byte_array_append (out, zeros, (align - out->len % align) % align);
}

void
ro_variant_append_le (GByteArray *out,
                      guint64     value,
                      gsize       size)
{
  guint8 bytes[8];

  ro_variant_write_offset (bytes, value, size);
  g_byte_array_append (out, bytes, size);
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
