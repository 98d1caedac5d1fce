/* ro-interface-info.h: the typed description of a source's API
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(RO_GLIB_INSIDE) && !defined(RO_GLIB_COMPILATION)
# error "Only <ro-glib/ro-glib.h> can be included directly."
#endif

#include <glib-object.h>

#include <ro-glib/ro-types.h>

G_BEGIN_DECLS

#define RO_TYPE_INTERFACE_INFO (ro_interface_info_get_type ())

typedef struct _RoInterfaceInfo RoInterfaceInfo;

RO_AVAILABLE_IN_ALL
GType               ro_interface_info_get_type               (void) G_GNUC_CONST;
RO_AVAILABLE_IN_ALL
RoInterfaceInfo    *ro_interface_info_new_for_type           (GType            type,
                                                              GError         **error);
RO_AVAILABLE_IN_ALL
RoInterfaceInfo    *ro_interface_info_new_from_variant       (GVariant        *variant,
                                                              GError         **error);
RO_AVAILABLE_IN_ALL
GVariant           *ro_interface_info_to_variant             (RoInterfaceInfo *info);
RO_AVAILABLE_IN_ALL
RoInterfaceInfo    *ro_interface_info_ref                    (RoInterfaceInfo *info);
RO_AVAILABLE_IN_ALL
void                ro_interface_info_unref                  (RoInterfaceInfo *info);
RO_AVAILABLE_IN_ALL
const char         *ro_interface_info_get_name               (RoInterfaceInfo *info);
RO_AVAILABLE_IN_ALL
const char         *ro_interface_info_get_signature          (RoInterfaceInfo *info);
RO_AVAILABLE_IN_ALL
char               *ro_interface_info_to_string              (RoInterfaceInfo *info);

RO_AVAILABLE_IN_ALL
guint               ro_interface_info_get_n_properties       (RoInterfaceInfo *info);
RO_AVAILABLE_IN_ALL
int                 ro_interface_info_lookup_property        (RoInterfaceInfo *info,
                                                              const char      *name);
RO_AVAILABLE_IN_ALL
const char         *ro_interface_info_get_property_name      (RoInterfaceInfo *info,
                                                              guint            index);
RO_AVAILABLE_IN_ALL
const GVariantType *ro_interface_info_get_property_type      (RoInterfaceInfo *info,
                                                              guint            index);
RO_AVAILABLE_IN_ALL
RoPropertyMode      ro_interface_info_get_property_mode      (RoInterfaceInfo *info,
                                                              guint            index);
RO_AVAILABLE_IN_ALL
const char         *ro_interface_info_get_property_enum      (RoInterfaceInfo *info,
                                                              guint            index);

RO_AVAILABLE_IN_ALL
guint               ro_interface_info_get_n_signals          (RoInterfaceInfo *info);
RO_AVAILABLE_IN_ALL
int                 ro_interface_info_lookup_signal          (RoInterfaceInfo *info,
                                                              const char      *name);
RO_AVAILABLE_IN_ALL
const char         *ro_interface_info_get_signal_name        (RoInterfaceInfo *info,
                                                              guint            index);
RO_AVAILABLE_IN_ALL
const GVariantType *ro_interface_info_get_signal_arg_types   (RoInterfaceInfo *info,
                                                              guint            index);

RO_AVAILABLE_IN_ALL
guint               ro_interface_info_get_n_methods          (RoInterfaceInfo *info);
RO_AVAILABLE_IN_ALL
int                 ro_interface_info_lookup_method          (RoInterfaceInfo *info,
                                                              const char      *name);
RO_AVAILABLE_IN_ALL
const char         *ro_interface_info_get_method_name        (RoInterfaceInfo *info,
                                                              guint            index);
RO_AVAILABLE_IN_ALL
const GVariantType *ro_interface_info_get_method_arg_types   (RoInterfaceInfo *info,
                                                              guint            index);
RO_AVAILABLE_IN_ALL
const GVariantType *ro_interface_info_get_method_return_type (RoInterfaceInfo *info,
                                                              guint            index);
RO_AVAILABLE_IN_ALL
gboolean            ro_interface_info_get_method_takes_invocation (RoInterfaceInfo *info,
                                                                   guint            index);

RO_AVAILABLE_IN_ALL
guint               ro_interface_info_get_n_enums            (RoInterfaceInfo *info);
RO_AVAILABLE_IN_ALL
int                 ro_interface_info_lookup_enum            (RoInterfaceInfo *info,
                                                              const char      *name);
RO_AVAILABLE_IN_ALL
const char         *ro_interface_info_get_enum_name          (RoInterfaceInfo *info,
                                                              guint            index);
RO_AVAILABLE_IN_ALL
gboolean            ro_interface_info_get_enum_is_flags      (RoInterfaceInfo *info,
                                                              guint            index);
RO_AVAILABLE_IN_ALL
guint               ro_interface_info_get_enum_n_values      (RoInterfaceInfo *info,
                                                              guint            index);
RO_AVAILABLE_IN_ALL
const char         *ro_interface_info_get_enum_value_nick    (RoInterfaceInfo *info,
                                                              guint            index,
                                                              guint            value_index,
                                                              gint64          *value);

RO_AVAILABLE_IN_ALL
void                ro_param_spec_set_property_mode          (GParamSpec      *pspec,
                                                              RoPropertyMode   mode);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RoInterfaceInfo, ro_interface_info_unref)

G_END_DECLS
