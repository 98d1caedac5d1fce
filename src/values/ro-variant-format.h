/* ro-variant-format.h: rules of GVariant's serialization format
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* For code that writes or reads serialized data itself: the wire's strict
 * reader and the values layer's writer. */

typedef struct
{
  gsize align;        /* 1, 2, 4 or 8 */
  gsize fixed_size;   /* 0 for types of variable size */
} RoVariantLayout;

/* How a value of @type is laid out: its alignment and, if all its values
 * have the same size, that size. */
void     ro_variant_type_layout  (const GVariantType *type,
                                  RoVariantLayout    *layout);

/* Whether @size bytes are a string's canonical data: UTF-8 and one NUL,
 * the last byte. */
gboolean ro_variant_is_string    (const guint8 *data,
                                  gsize         size);
/* The size of each framing offset in a container of @size bytes. */
gsize    ro_variant_offset_size  (gsize         size);
/* The size of a container of @body bytes framed by @n_offsets offsets. */
gsize    ro_variant_framed_size  (gsize         body,
                                  gsize         n_offsets);
/* A little-endian offset of @size bytes. */
gsize    ro_variant_read_offset  (const guint8 *data,
                                  gsize         size);
/* Writes @value as a little-endian offset of @size bytes. */
void     ro_variant_write_offset (guint8       *out,
                                  gsize         value,
                                  gsize         size);

/* A variant's data is its child's data, a zero byte, and the child's type
 * (which has no zero byte): the size of the child's data, or FALSE when
 * there is no zero byte. */
gboolean ro_variant_split        (const guint8 *data,
                                  gsize         size,
                                  gsize        *child_size);

/* Appends zero bytes up to the next multiple of @align of @out's length. */
void     ro_variant_append_padding (GByteArray *out,
                                    gsize       align);
/* Appends @value as @size little-endian bytes. */
void     ro_variant_append_le      (GByteArray *out,
                                    guint64     value,
                                    gsize       size);

/* A value of @type from canonical little-endian @bytes, which GLib is
 * told to trust: only for bytes written or checked by the code above. */
GVariant *ro_variant_new_trusted (const GVariantType *type,
                                  GBytes             *bytes);

G_END_DECLS
