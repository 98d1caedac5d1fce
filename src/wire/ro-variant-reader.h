/* ro-variant-reader.h: GVariant data read strictly, for bytes from peers
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "ro-message.h"
#include "ro-variant-format.h"

G_BEGIN_DECLS

typedef enum {
  RO_VARIANT_READ_OK,
  RO_VARIANT_READ_NOT_CANONICAL,   /* not the one serialization of any value */
  RO_VARIANT_READ_TOO_DEEP,        /* nested past the limit, or a variant's type too long */
} RoVariantReadResult;

/* Reads @size bytes of GVariant serialized data (little-endian, as
 * g_variant_store() writes it on a little-endian machine) as a value of
 * @type, accepting only the canonical serialization: the bytes
 * g_variant_store() gives for the value read, and nothing else. Nests at
 * most @max_depth containers (arrays, maybes, tuples, dict entries and
 * variants) and type strings of at most RO_MAX_TYPE_STRING_LENGTH in
 * variants. @data need not be aligned and is not referenced afterwards.
 *
 * Returns a non-floating value (a trusted copy of the checked bytes), or
 * NULL and the reason in @result. */
GVariant *ro_variant_read       (const GVariantType   *type,
                                 const guint8         *data,
                                 gsize                 size,
                                 guint                 max_depth,
                                 RoVariantReadResult  *result);
/* The same for the data of a value of type "v": returns the value inside,
 * the variant counting as one level. With @max_depth
 * RO_MAX_NESTING_DEPTH + 1, the variants inside the value are held to the
 * limits exactly as ro_message_validate() holds them, and @deepest is the
 * value's nesting as it counts it. */
GVariant *ro_variant_read_boxed (const guint8         *data,
                                 gsize                 size,
                                 guint                 max_depth,
                                 guint                *deepest,
                                 RoVariantReadResult  *result);
/* Whether ro_variant_read() would take the bytes; nothing is copied. */
gboolean  ro_variant_check      (const GVariantType   *type,
                                 const guint8         *data,
                                 gsize                 size,
                                 guint                 max_depth,
                                 RoVariantReadResult  *result);

G_END_DECLS
