/* ro-value-private.h: helpers of the values layer shared by the other layers
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "ro-glib.h"

G_BEGIN_DECLS

/* Appends @value's serialized data at @out's end, which must be aligned
 * for the value's wire type. */
gboolean  ro_value_write          (GByteArray          *out,
                                   const GValue        *value,
                                   GError             **error);
GType     ro_gtype_for_value_type (const GVariantType  *type);
GVariant *ro_variant_coerce       (GVariant            *value,
                                   const GVariantType  *expected);
GVariant *ro_values_to_tuple      (const GValue        *values,
                                   guint                n_values,
                                   GError             **error);
gboolean  ro_tuple_to_values      (GVariant            *tuple,
                                   const GType         *types,
                                   guint                n_types,
                                   GValue              *values,
                                   GError             **error);

G_END_DECLS
