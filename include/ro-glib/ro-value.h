/* ro-value.h: how GObject values travel as GVariant
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(RO_GLIB_INSIDE) && !defined(RO_GLIB_COMPILATION)
# error "Only <ro-glib/ro-glib.h> can be included directly."
#endif

#include <glib-object.h>

#include <ro-glib/ro-version-macros.h>

G_BEGIN_DECLS

RO_AVAILABLE_IN_ALL
const GVariantType *ro_value_type_for_gtype (GType          gtype,
                                             GError       **error);
RO_AVAILABLE_IN_ALL
GVariant           *ro_value_to_variant     (const GValue  *value,
                                             GError       **error);
RO_AVAILABLE_IN_ALL
gboolean            ro_value_from_variant   (GVariant      *variant,
                                             GValue        *value,
                                             GError       **error);

G_END_DECLS
