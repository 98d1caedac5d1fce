/* ro-interface-info-private.h: building interface infos member by member
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "ro-glib.h"

G_BEGIN_DECLS

/* The limits every interface info respects, whether built locally or
 * received from a peer. */
#define RO_INTERFACE_MAX_NAME_LENGTH 255
#define RO_INTERFACE_MAX_MEMBERS     4096

RoInterfaceInfo *ro_interface_info_new_empty   (const char          *name);
void             ro_interface_info_add_property (RoInterfaceInfo    *info,
                                                 const char         *name,
                                                 const GVariantType *type,
                                                 RoPropertyMode      mode,
                                                 const char         *enum_name);
void             ro_interface_info_add_signal   (RoInterfaceInfo    *info,
                                                 const char         *name,
                                                 const GVariantType *args);
void             ro_interface_info_add_method   (RoInterfaceInfo    *info,
                                                 const char         *name,
                                                 const GVariantType *args,
                                                 const GVariantType *result,
                                                 gboolean            takes_invocation);
void             ro_interface_info_add_enum     (RoInterfaceInfo    *info,
                                                 const char         *name,
                                                 gboolean            is_flags,
                                                 const char * const *nicks,
                                                 const gint64       *values,
                                                 guint               n_values);
gboolean         ro_interface_info_seal         (RoInterfaceInfo    *info,
                                                 GError            **error);

/* A snapshot may leave out a description the receiver named by its
 * signature: an empty interface name and empty lists stand for it. */
GVariant        *ro_interface_info_get_left_out (void);  /* transfer none */
gboolean         ro_interface_info_is_left_out  (GVariant           *variant);

G_END_DECLS
