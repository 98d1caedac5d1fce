/* ro-replica-type.c: replica types made at run time from an interface
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * ro_node_acquire_async() hands out an instance of a type registered here:
 * a subclass of RoReplica with one GParamSpec per property and one signal
 * per forwarded signal, named as the source's. RoReplica's own
 * get_property/set_property serve them, by name. One type is made per
 * interface signature and kept for the life of the process, as GTypes are.
 */

#include "config.h"

#include <string.h>

#include "ro-node-private.h"
#include "ro-value-private.h"

G_LOCK_DEFINE_STATIC (types);
static GHashTable *types;   /* signature -> GType */

/* GObject canonicalizes '_' to '-' in property and signal names. */
static gboolean
same_gobject_name (const char *remote,
                   const char *canonical)
{
  for (; *remote != '\0' && *canonical != '\0'; remote++, canonical++)
    if (*remote != *canonical && !(*remote == '_' && *canonical == '-'))
      return FALSE;
  return *remote == *canonical;
}

/* The index of the member whose name GObject turned into @canonical. */
int
ro_interface_info_find_gobject_name (RoInterfaceInfo *info,
                                     gboolean         is_signal,
                                     const char      *canonical)
{
  int i = is_signal ? ro_interface_info_lookup_signal (info, canonical)
                    : ro_interface_info_lookup_property (info, canonical);
  guint n = is_signal ? ro_interface_info_get_n_signals (info)
                      : ro_interface_info_get_n_properties (info);

  if (i >= 0 || strchr (canonical, '-') == NULL)
    return i;

  for (guint j = 0; j < n; j++)
    {
      const char *name = is_signal ? ro_interface_info_get_signal_name (info, j)
                                   : ro_interface_info_get_property_name (info, j);

      if (same_gobject_name (name, canonical))
        return (int) j;
    }
  return -1;
}

static GParamSpec *
pspec_for (const char         *name,
           const GVariantType *type,
           RoPropertyMode      mode)
{
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_NICK | G_PARAM_STATIC_BLURB;

  if (mode == RO_PROPERTY_MODE_READWRITE)
    flags |= G_PARAM_WRITABLE;

  switch (ro_gtype_for_value_type (type))
    {
    case G_TYPE_BOOLEAN: return g_param_spec_boolean (name, NULL, NULL, FALSE, flags);
    case G_TYPE_UCHAR: return g_param_spec_uchar (name, NULL, NULL, 0, G_MAXUINT8, 0, flags);
    case G_TYPE_INT: return g_param_spec_int (name, NULL, NULL, G_MININT, G_MAXINT, 0, flags);
    case G_TYPE_UINT: return g_param_spec_uint (name, NULL, NULL, 0, G_MAXUINT, 0, flags);
    case G_TYPE_INT64: return g_param_spec_int64 (name, NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
    case G_TYPE_UINT64: return g_param_spec_uint64 (name, NULL, NULL, 0, G_MAXUINT64, 0, flags);
    case G_TYPE_DOUBLE: return g_param_spec_double (name, NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
    case G_TYPE_STRING: return g_param_spec_string (name, NULL, NULL, NULL, flags);
    default: break;
    }

  if (g_variant_type_equal (type, G_VARIANT_TYPE_STRING_ARRAY))
    return g_param_spec_boxed (name, NULL, NULL, G_TYPE_STRV, flags);
  if (g_variant_type_equal (type, G_VARIANT_TYPE_BYTESTRING))
    return g_param_spec_boxed (name, NULL, NULL, G_TYPE_BYTES, flags);
  return g_param_spec_variant (name, NULL, NULL, G_VARIANT_TYPE_ANY, NULL, flags);
}

static void
replica_class_init (gpointer klass,
                    gpointer class_data)
{
  RoInterfaceInfo *info = class_data;
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GType type = G_TYPE_FROM_CLASS (klass);
  guint prop_id = 1;

  for (guint i = 0; i < ro_interface_info_get_n_properties (info); i++)
    {
      const char *name = ro_interface_info_get_property_name (info, i);

      /* A name GObject refuses, or one of RoReplica's own, stays reachable
       * through ro_replica_get_value(). */
      if (!g_param_spec_is_valid_name (name) || g_object_class_find_property (object_class, name) != NULL)
        continue;
      g_object_class_install_property (object_class, prop_id++,
                                       pspec_for (name, ro_interface_info_get_property_type (info, i),
                                                  ro_interface_info_get_property_mode (info, i)));
    }

  for (guint i = 0; i < ro_interface_info_get_n_signals (info); i++)
    {
      const char *name = ro_interface_info_get_signal_name (info, i);
      const GVariantType *args = ro_interface_info_get_signal_arg_types (info, i);
      g_autofree GType *params = g_new0 (GType, g_variant_type_n_items (args) + 1);
      guint n = 0;

      if (!g_signal_is_valid_name (name) || g_signal_lookup (name, type) != 0)
        continue;
      for (const GVariantType *t = g_variant_type_first (args); t != NULL; t = g_variant_type_next (t))
        params[n++] = ro_gtype_for_value_type (t);
      g_signal_newv (name, type, G_SIGNAL_RUN_LAST, NULL, NULL, NULL, NULL, G_TYPE_NONE, n, params);
    }
}

static char *
type_name_for (RoInterfaceInfo *info)
{
  GString *name = g_string_new ("RoReplica_");
  const char *iface = ro_interface_info_get_name (info);

  for (const char *c = iface; *c != '\0'; c++)
    g_string_append_c (name, g_ascii_isalnum (*c) ? *c : '_');
  g_string_append_c (name, '_');
  g_string_append_len (name, ro_interface_info_get_signature (info), 16);
  return g_string_free (name, FALSE);
}

static G_DEFINE_QUARK (ro-replica-run-time-type, run_time)

/* Types made here have no class handlers for their signals. */
gboolean
ro_replica_type_is_run_time (GType type)
{
  return g_type_get_qdata (type, run_time_quark ()) != NULL;
}

GType
ro_replica_type_for_info (RoInterfaceInfo *info)
{
  const char *signature = ro_interface_info_get_signature (info);
  GType type;

  G_LOCK (types);
  if (types == NULL)
    types = g_hash_table_new (g_str_hash, g_str_equal);
  type = GPOINTER_TO_SIZE (g_hash_table_lookup (types, signature));
  if (type == 0)
    {
      g_autofree char *name = type_name_for (info);
      GTypeQuery query;
      GTypeInfo type_info = { 0, };

      g_type_query (RO_TYPE_REPLICA, &query);
      type_info.class_size = query.class_size;
      type_info.instance_size = query.instance_size;
      type_info.class_init = replica_class_init;
      /* The class keeps the info for as long as the type lives: forever. */
      type_info.class_data = ro_interface_info_ref (info);
      type = g_type_register_static (RO_TYPE_REPLICA, name, &type_info, 0);
      g_type_set_qdata (type, run_time_quark (), GINT_TO_POINTER (TRUE));
      g_hash_table_insert (types, (gpointer) g_intern_string (signature), GSIZE_TO_POINTER (type));
    }
  G_UNLOCK (types);

  return type;
}
