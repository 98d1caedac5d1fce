/* ro-interface-info.c: the typed description of a source's API
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * RoInterfaceInfo:
 *
 * The typed description of a source's API: its properties (with a GVariant
 * type and a [enum@Ro.PropertyMode]), the signals it forwards, the methods
 * replicas may call, and the enumerations those use.
 *
 * It is built from any GObject type with [ctor@Ro.InterfaceInfo.new_for_type]
 * by these rules:
 *
 * - every readable property whose type can be remoted (see
 *   [func@Ro.value_type_for_gtype]) is a property: construct-only ones are
 *   `CONSTANT`, read-only ones `READONLY`, the others `READWRITE`;
 * - every signal that is not `G_SIGNAL_ACTION` (GObject's own `notify`
 *   excepted) is forwarded to replicas;
 * - every `G_SIGNAL_ACTION` signal is a method. If its first parameter is a
 *   [class@Ro.Invocation], the handler may reply later; the signal's return
 *   type is then the type of that reply.
 *
 * A property's mode can also be set explicitly with
 * [func@Ro.param_spec_set_property_mode], the only way to make one
 * `READPUSH`.
 *
 * Members whose types cannot be remoted are left out. Members are kept
 * sorted by name, so index order is stable.
 *
 * The signature ([method@Ro.InterfaceInfo.get_signature]) is the SHA-256 of
 * a canonical text that lists every member with its types and mode, in name
 * order (see [method@Ro.InterfaceInfo.to_string]). It does not depend on the
 * interface name or the order of declaration, and any change of a member's
 * name, type or mode changes it.
 */

#include "config.h"

#include <string.h>

#include "ro-interface-info-private.h"
#include "ro-value-private.h"

typedef struct
{
  char *name;
  GVariantType *type;
  RoPropertyMode mode;
  char *enum_name;
} PropertyInfo;

typedef struct
{
  char *name;
  GVariantType *args;
} SignalInfo;

typedef struct
{
  char *name;
  GVariantType *args;
  GVariantType *result;
  gboolean takes_invocation;
} MethodInfo;

typedef struct
{
  char *nick;
  gint64 value;
} EnumValue;

typedef struct
{
  char *name;
  gboolean is_flags;
  GArray *values;
} EnumInfo;

struct _RoInterfaceInfo
{
  gatomicrefcount ref_count;
  char *name;
  char *signature;
  char *description;
  GPtrArray *properties;
  GPtrArray *signals;
  GPtrArray *methods;
  GPtrArray *enums;
};

G_DEFINE_BOXED_TYPE (RoInterfaceInfo, ro_interface_info,
                     ro_interface_info_ref, ro_interface_info_unref)

static const char * const mode_names[] = { "READONLY", "READPUSH", "READWRITE", "CONSTANT" };

static void
property_info_free (PropertyInfo *p)
{
  g_free (p->name);
  g_variant_type_free (p->type);
  g_free (p->enum_name);
  g_free (p);
}

static void
signal_info_free (SignalInfo *s)
{
  g_free (s->name);
  g_variant_type_free (s->args);
  g_free (s);
}

static void
method_info_free (MethodInfo *m)
{
  g_free (m->name);
  g_variant_type_free (m->args);
  g_variant_type_free (m->result);
  g_free (m);
}

static void
enum_value_clear (EnumValue *v)
{
  g_free (v->nick);
}

static void
enum_info_free (EnumInfo *e)
{
  g_free (e->name);
  g_array_unref (e->values);
  g_free (e);
}

RoInterfaceInfo *
ro_interface_info_new_empty (const char *name)
{
  RoInterfaceInfo *info = g_new0 (RoInterfaceInfo, 1);

  g_atomic_ref_count_init (&info->ref_count);
  info->name = g_strdup (name);
  info->properties = g_ptr_array_new_with_free_func ((GDestroyNotify) property_info_free);
  info->signals = g_ptr_array_new_with_free_func ((GDestroyNotify) signal_info_free);
  info->methods = g_ptr_array_new_with_free_func ((GDestroyNotify) method_info_free);
  info->enums = g_ptr_array_new_with_free_func ((GDestroyNotify) enum_info_free);
  return info;
}

void
ro_interface_info_add_property (RoInterfaceInfo    *info,
                                const char         *name,
                                const GVariantType *type,
                                RoPropertyMode      mode,
                                const char         *enum_name)
{
  PropertyInfo *p = g_new0 (PropertyInfo, 1);

  p->name = g_strdup (name);
  p->type = g_variant_type_copy (type);
  p->mode = mode;
  p->enum_name = enum_name != NULL && enum_name[0] != '\0' ? g_strdup (enum_name) : NULL;
  g_ptr_array_add (info->properties, p);
}

void
ro_interface_info_add_signal (RoInterfaceInfo    *info,
                              const char         *name,
                              const GVariantType *args)
{
  SignalInfo *s = g_new0 (SignalInfo, 1);

  s->name = g_strdup (name);
  s->args = g_variant_type_copy (args);
  g_ptr_array_add (info->signals, s);
}

void
ro_interface_info_add_method (RoInterfaceInfo    *info,
                              const char         *name,
                              const GVariantType *args,
                              const GVariantType *result,
                              gboolean            takes_invocation)
{
  MethodInfo *m = g_new0 (MethodInfo, 1);

  m->name = g_strdup (name);
  m->args = g_variant_type_copy (args);
  m->result = g_variant_type_copy (result);
  m->takes_invocation = !!takes_invocation;
  g_ptr_array_add (info->methods, m);
}

void
ro_interface_info_add_enum (RoInterfaceInfo    *info,
                            const char         *name,
                            gboolean            is_flags,
                            const char * const *nicks,
                            const gint64       *values,
                            guint               n_values)
{
  EnumInfo *e = g_new0 (EnumInfo, 1);

  e->name = g_strdup (name);
  e->is_flags = !!is_flags;
  e->values = g_array_sized_new (FALSE, FALSE, sizeof (EnumValue), n_values);
  g_array_set_clear_func (e->values, (GDestroyNotify) enum_value_clear);
  for (guint i = 0; i < n_values; i++)
    {
      EnumValue v = { g_strdup (nicks[i]), values[i] };

      g_array_append_val (e->values, v);
    }
  g_ptr_array_add (info->enums, e);
}

/* Every member struct starts with its name. */
static int
compare_by_name (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (**(char * const * const *) a, **(char * const * const *) b);
}

static gboolean
name_is_valid (const char *name)
{
  gsize len;

  if (name == NULL || (!g_ascii_isalpha (name[0]) && name[0] != '_'))
    return FALSE;
  len = strlen (name);
  if (len > RO_INTERFACE_MAX_NAME_LENGTH)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (name[i]) && name[i] != '_' && name[i] != '-')
      return FALSE;
  return TRUE;
}

static gboolean
check_members (GPtrArray   *members,
               const char  *what,
               GError     **error)
{
  if (members->len > RO_INTERFACE_MAX_MEMBERS)
    {
      g_set_error (error, RO_ERROR, RO_ERROR_PROTOCOL,
                   "Too many %ss (%u, at most %d)", what, members->len,
                   RO_INTERFACE_MAX_MEMBERS);
      return FALSE;
    }

  g_ptr_array_sort (members, compare_by_name);
  for (guint i = 0; i < members->len; i++)
    {
      const char *name = *(char **) g_ptr_array_index (members, i);

      if (!name_is_valid (name))
        {
          g_set_error (error, RO_ERROR, RO_ERROR_PROTOCOL,
                       "Invalid %s name “%s”", what, name != NULL ? name : "(null)");
          return FALSE;
        }
      if (i > 0 && strcmp (name, *(char **) g_ptr_array_index (members, i - 1)) == 0)
        {
          g_set_error (error, RO_ERROR, RO_ERROR_PROTOCOL,
                       "Duplicate %s “%s”", what, name);
          return FALSE;
        }
    }

  return TRUE;
}

static void
append_type (GString            *str,
             const GVariantType *type)
{
  g_string_append_len (str, g_variant_type_peek_string (type),
                       g_variant_type_get_string_length (type));
}

/* The canonical text: one line per member, grouped by kind, sorted by name.
 * The interface name stays out so that a source and a replica generated
 * under other class names still match. */
static char *
build_description (RoInterfaceInfo *info)
{
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < info->properties->len; i++)
    {
      PropertyInfo *p = g_ptr_array_index (info->properties, i);

      g_string_append_printf (str, "property %s ", p->name);
      append_type (str, p->type);
      g_string_append_printf (str, " %s", mode_names[p->mode]);
      if (p->enum_name != NULL)
        g_string_append_printf (str, " enum=%s", p->enum_name);
      g_string_append_c (str, '\n');
    }
  for (guint i = 0; i < info->signals->len; i++)
    {
      SignalInfo *s = g_ptr_array_index (info->signals, i);

      g_string_append_printf (str, "signal %s ", s->name);
      append_type (str, s->args);
      g_string_append_c (str, '\n');
    }
  for (guint i = 0; i < info->methods->len; i++)
    {
      MethodInfo *m = g_ptr_array_index (info->methods, i);

      g_string_append_printf (str, "method %s ", m->name);
      append_type (str, m->args);
      g_string_append_c (str, ' ');
      append_type (str, m->result);
      g_string_append_c (str, '\n');
    }
  for (guint i = 0; i < info->enums->len; i++)
    {
      EnumInfo *e = g_ptr_array_index (info->enums, i);

      g_string_append_printf (str, "%s %s", e->is_flags ? "flags" : "enum", e->name);
      for (guint j = 0; j < e->values->len; j++)
        {
          EnumValue *v = &g_array_index (e->values, EnumValue, j);

          g_string_append_printf (str, " %s=%" G_GINT64_FORMAT, v->nick, v->value);
        }
      g_string_append_c (str, '\n');
    }

  return g_string_free (str, FALSE);
}

/* Sorts, validates and computes the signature; an info is immutable after. */
gboolean
ro_interface_info_seal (RoInterfaceInfo  *info,
                        GError          **error)
{
  if (!name_is_valid (info->name))
    {
      g_set_error (error, RO_ERROR, RO_ERROR_PROTOCOL,
                   "Invalid interface name “%s”", info->name != NULL ? info->name : "(null)");
      return FALSE;
    }

  if (!check_members (info->properties, "property", error) ||
      !check_members (info->signals, "signal", error) ||
      !check_members (info->methods, "method", error) ||
      !check_members (info->enums, "enum", error))
    return FALSE;

  /* Nicks appear in the canonical text: they must not be able to fake
   * its separators, or two interfaces could share a signature. */
  for (guint i = 0; i < info->enums->len; i++)
    {
      EnumInfo *e = g_ptr_array_index (info->enums, i);

      for (guint j = 0; j < e->values->len; j++)
        {
          const char *nick = g_array_index (e->values, EnumValue, j).nick;
          gboolean ok = nick != NULL && nick[0] != '\0' && strlen (nick) <= RO_INTERFACE_MAX_NAME_LENGTH;

          for (const char *c = nick; ok && *c != '\0'; c++)
            ok = g_ascii_isgraph (*c) && *c != '=';
          for (guint k = 0; ok && k < j; k++)
            ok = strcmp (nick, g_array_index (e->values, EnumValue, k).nick) != 0;
          if (!ok)
            {
              g_set_error (error, RO_ERROR, RO_ERROR_PROTOCOL,
                           "Enum “%s” has an invalid or repeated nick “%s”", e->name,
                           nick != NULL ? nick : "(null)");
              return FALSE;
            }
        }
    }

  for (guint i = 0; i < info->properties->len; i++)
    {
      PropertyInfo *p = g_ptr_array_index (info->properties, i);

      if (p->enum_name != NULL && ro_interface_info_lookup_enum (info, p->enum_name) < 0)
        {
          g_set_error (error, RO_ERROR, RO_ERROR_PROTOCOL,
                       "Property “%s” uses undeclared enum “%s”", p->name, p->enum_name);
          return FALSE;
        }
    }

  info->description = build_description (info);
  info->signature = g_compute_checksum_for_string (G_CHECKSUM_SHA256, info->description, -1);
  return TRUE;
}

static G_DEFINE_QUARK (ro-property-mode, mode)

/**
 * ro_param_spec_set_property_mode:
 * @pspec: a property of a class that will be shared as a source
 * @mode: how replicas may use it
 *
 * Overrides the mode [ctor@Ro.InterfaceInfo.new_for_type] derives from
 * @pspec's flags. Use it in `class_init`, before any instance is shared,
 * to make a writable property %RO_PROPERTY_MODE_READPUSH (replicas push
 * with [method@Ro.Replica.push_value] but cannot set it as a property) or
 * a read-only one %RO_PROPERTY_MODE_CONSTANT.
 *
 * ```c
 * static void
 * thermostat_class_init (ThermostatClass *klass)
 * {
 *   GObjectClass *object_class = G_OBJECT_CLASS (klass);
 *
 *   ...
 *   properties[PROP_TARGET] =
 *     g_param_spec_double ("target", NULL, NULL, 5, 30, 20,
 *                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
 *   g_object_class_install_properties (object_class, N_PROPS, properties);
 *
 *   ro_param_spec_set_property_mode (properties[PROP_TARGET], RO_PROPERTY_MODE_READPUSH);
 * }
 * ```
 */
void
ro_param_spec_set_property_mode (GParamSpec     *pspec,
                                 RoPropertyMode  mode)
{
  g_return_if_fail (G_IS_PARAM_SPEC (pspec));
  g_return_if_fail (mode <= RO_PROPERTY_MODE_CONSTANT);

  /* Stored off by one: NULL means "not set". */
  g_param_spec_set_qdata (pspec, mode_quark (), GINT_TO_POINTER (mode + 1));
}

static void
add_enum_for_type (RoInterfaceInfo *info,
                   GType            gtype)
{
  const char *name = g_type_name (gtype);
  g_autoptr(GPtrArray) nicks = g_ptr_array_new ();
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < info->enums->len; i++)
    if (g_str_equal (((EnumInfo *) g_ptr_array_index (info->enums, i))->name, name))
      return;

  if (G_TYPE_IS_ENUM (gtype))
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (gtype);

      for (guint i = 0; i < klass->n_values; i++)
        {
          gint64 v = klass->values[i].value;

          g_ptr_array_add (nicks, (char *) klass->values[i].value_nick);
          g_array_append_val (values, v);
        }
    }
  else
    {
      g_autoptr(GFlagsClass) klass = g_type_class_ref (gtype);

      for (guint i = 0; i < klass->n_values; i++)
        {
          gint64 v = klass->values[i].value;

          g_ptr_array_add (nicks, (char *) klass->values[i].value_nick);
          g_array_append_val (values, v);
        }
    }

  ro_interface_info_add_enum (info, name, G_TYPE_IS_FLAGS (gtype),
                              (const char * const *) nicks->pdata,
                              (const gint64 *) (gpointer) values->data, values->len);
}

/* Builds a tuple type from GTypes; NULL if one of them cannot be remoted. */
static GVariantType *
tuple_type_for_gtypes (const GType *types,
                       guint        n_types,
                       const char  *member,
                       GType        owner)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();

  for (guint i = 0; i < n_types; i++)
    {
      g_autoptr(GError) error = NULL;
      const GVariantType *t = ro_value_type_for_gtype (types[i] & ~G_SIGNAL_TYPE_STATIC_SCOPE, &error);

      if (t == NULL)
        {
          g_debug ("%s::%s is not remoted: %s", g_type_name (owner), member, error->message);
          return NULL;
        }
      g_ptr_array_add (items, (gpointer) t);
    }

  return g_variant_type_new_tuple ((const GVariantType * const *) items->pdata, items->len);
}

static void
add_signals_of_type (RoInterfaceInfo *info,
                     GType            itype,
                     GType            owner,
                     GHashTable      *seen)
{
  g_autofree guint *ids = NULL;
  guint n_ids = 0;

  ids = g_signal_list_ids (itype, &n_ids);
  for (guint i = 0; i < n_ids; i++)
    {
      GSignalQuery query;
      const GType *params;
      guint n_params;
      gboolean takes_invocation = FALSE;
      g_autoptr(GVariantType) args = NULL;

      g_signal_query (ids[i], &query);
      if (!g_hash_table_add (seen, (gpointer) query.signal_name))
        continue;

      params = query.param_types;
      n_params = query.n_params;
      if ((query.signal_flags & G_SIGNAL_ACTION) != 0 && n_params > 0 &&
          (params[0] & ~G_SIGNAL_TYPE_STATIC_SCOPE) == RO_TYPE_INVOCATION)
        {
          takes_invocation = TRUE;
          params++;
          n_params--;
        }

      args = tuple_type_for_gtypes (params, n_params, query.signal_name, owner);
      if (args == NULL)
        continue;

      for (guint j = 0; j < n_params; j++)
        {
          GType t = params[j] & ~G_SIGNAL_TYPE_STATIC_SCOPE;

          if (G_TYPE_IS_ENUM (t) || G_TYPE_IS_FLAGS (t))
            add_enum_for_type (info, t);
        }

      if ((query.signal_flags & G_SIGNAL_ACTION) != 0)
        {
          GType rtype = query.return_type & ~G_SIGNAL_TYPE_STATIC_SCOPE;
          g_autoptr(GVariantType) result = tuple_type_for_gtypes (&rtype, rtype == G_TYPE_NONE ? 0 : 1,
                                                                  query.signal_name, owner);

          if (result == NULL)
            continue;
          if (G_TYPE_IS_ENUM (rtype) || G_TYPE_IS_FLAGS (rtype))
            add_enum_for_type (info, rtype);
          ro_interface_info_add_method (info, query.signal_name, args, result, takes_invocation);
        }
      else
        ro_interface_info_add_signal (info, query.signal_name, args);
    }
}

/**
 * ro_interface_info_new_for_type:
 * @type: a GObject type
 * @error: return location for a #GError
 *
 * Describes the API that an instance of @type has as a source, by the rules
 * given in the overview of [struct@Ro.InterfaceInfo]. The interface is named
 * after the type.
 *
 * Returns: (transfer full) (nullable): a new interface info, or %NULL with
 *   %RO_ERROR_INVALID_ARGUMENTS if @type is not a GObject type
 */
RoInterfaceInfo *
ro_interface_info_new_for_type (GType    type,
                                GError **error)
{
  g_autoptr(RoInterfaceInfo) info = NULL;
  g_autoptr(GTypeClass) klass = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autofree GParamSpec **pspecs = NULL;
  g_autofree GType *ifaces = NULL;
  guint n_pspecs = 0;
  guint n_ifaces = 0;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!G_TYPE_IS_OBJECT (type))
    {
      g_set_error (error, RO_ERROR, RO_ERROR_INVALID_ARGUMENTS,
                   "“%s” is not a GObject type", g_type_name (type) ? g_type_name (type) : "(invalid)");
      return NULL;
    }

  info = ro_interface_info_new_empty (g_type_name (type));
  klass = g_type_class_ref (type);

  pspecs = g_object_class_list_properties (G_OBJECT_CLASS (klass), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      GParamSpec *pspec = pspecs[i];
      g_autoptr(GError) local_error = NULL;
      const GVariantType *vtype;
      RoPropertyMode mode;
      GType vgtype = G_PARAM_SPEC_VALUE_TYPE (pspec);

      if ((pspec->flags & G_PARAM_READABLE) == 0)
        continue;

      vtype = ro_value_type_for_gtype (vgtype, &local_error);
      if (vtype == NULL)
        {
          g_debug ("%s:%s is not remoted: %s", g_type_name (type), pspec->name, local_error->message);
          continue;
        }

      if (g_param_spec_get_qdata (pspec, mode_quark ()) != NULL)
        mode = GPOINTER_TO_INT (g_param_spec_get_qdata (pspec, mode_quark ())) - 1;
      else if ((pspec->flags & G_PARAM_WRITABLE) == 0)
        mode = RO_PROPERTY_MODE_READONLY;
      else if ((pspec->flags & G_PARAM_CONSTRUCT_ONLY) != 0)
        mode = RO_PROPERTY_MODE_CONSTANT;
      else
        mode = RO_PROPERTY_MODE_READWRITE;

      if (G_TYPE_IS_ENUM (vgtype) || G_TYPE_IS_FLAGS (vgtype))
        add_enum_for_type (info, vgtype);

      ro_interface_info_add_property (info, pspec->name, vtype, mode,
                                      G_TYPE_IS_ENUM (vgtype) || G_TYPE_IS_FLAGS (vgtype)
                                        ? g_type_name (vgtype) : NULL);
    }

  /* GObject's own "notify" lives on G_TYPE_OBJECT, which the walk stops at. */
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (GType t = type; t != G_TYPE_OBJECT; t = g_type_parent (t))
    add_signals_of_type (info, t, type, seen);
  ifaces = g_type_interfaces (type, &n_ifaces);
  for (guint i = 0; i < n_ifaces; i++)
    add_signals_of_type (info, ifaces[i], type, seen);

  if (!ro_interface_info_seal (info, error))
    return NULL;

  return g_steal_pointer (&info);
}

#define INFO_VARIANT_TYPE "(sa(ssus)a(ss)a(sssb)a(sba(sx)))"

GVariant *
ro_interface_info_get_left_out (void)
{
  static GVariant *left_out;

  if (g_once_init_enter (&left_out))
    g_once_init_leave (&left_out, g_variant_ref_sink (g_variant_new (INFO_VARIANT_TYPE, "", NULL, NULL, NULL, NULL)));
  return left_out;
}

gboolean
ro_interface_info_is_left_out (GVariant *variant)
{
  return g_variant_equal (variant, ro_interface_info_get_left_out ());
}

/**
 * ro_interface_info_to_variant:
 * @info: a #RoInterfaceInfo
 *
 * Serializes @info as it travels in a snapshot, a value of type
 * `(sa(ssus)a(ss)a(sssb)a(sba(sx)))`: the name; properties (name, type,
 * mode, enum name or ""); signals (name, argument tuple type); methods
 * (name, argument tuple type, result tuple type, takes an invocation);
 * enums (name, is flags, (nick, value) pairs).
 *
 * Returns: (transfer full): a new non-floating #GVariant
 */
GVariant *
ro_interface_info_to_variant (RoInterfaceInfo *info)
{
  GVariantBuilder b;

  g_return_val_if_fail (info != NULL, NULL);

  g_variant_builder_init (&b, G_VARIANT_TYPE (INFO_VARIANT_TYPE));
  g_variant_builder_add (&b, "s", info->name);

  g_variant_builder_open (&b, G_VARIANT_TYPE ("a(ssus)"));
  for (guint i = 0; i < info->properties->len; i++)
    {
      PropertyInfo *p = g_ptr_array_index (info->properties, i);
      g_autofree char *t = g_variant_type_dup_string (p->type);

      g_variant_builder_add (&b, "(ssus)", p->name, t, (guint32) p->mode,
                             p->enum_name != NULL ? p->enum_name : "");
    }
  g_variant_builder_close (&b);

  g_variant_builder_open (&b, G_VARIANT_TYPE ("a(ss)"));
  for (guint i = 0; i < info->signals->len; i++)
    {
      SignalInfo *s = g_ptr_array_index (info->signals, i);
      g_autofree char *t = g_variant_type_dup_string (s->args);

      g_variant_builder_add (&b, "(ss)", s->name, t);
    }
  g_variant_builder_close (&b);

  g_variant_builder_open (&b, G_VARIANT_TYPE ("a(sssb)"));
  for (guint i = 0; i < info->methods->len; i++)
    {
      MethodInfo *m = g_ptr_array_index (info->methods, i);
      g_autofree char *a = g_variant_type_dup_string (m->args);
      g_autofree char *r = g_variant_type_dup_string (m->result);

      g_variant_builder_add (&b, "(sssb)", m->name, a, r, m->takes_invocation);
    }
  g_variant_builder_close (&b);

  g_variant_builder_open (&b, G_VARIANT_TYPE ("a(sba(sx))"));
  for (guint i = 0; i < info->enums->len; i++)
    {
      EnumInfo *e = g_ptr_array_index (info->enums, i);

      g_variant_builder_open (&b, G_VARIANT_TYPE ("(sba(sx))"));
      g_variant_builder_add (&b, "s", e->name);
      g_variant_builder_add (&b, "b", e->is_flags);
      g_variant_builder_open (&b, G_VARIANT_TYPE ("a(sx)"));
      for (guint j = 0; j < e->values->len; j++)
        {
          EnumValue *v = &g_array_index (e->values, EnumValue, j);

          g_variant_builder_add (&b, "(sx)", v->nick, v->value);
        }
      g_variant_builder_close (&b);
      g_variant_builder_close (&b);
    }
  g_variant_builder_close (&b);

  return g_variant_ref_sink (g_variant_builder_end (&b));
}

static GVariantType *
parse_type (const char  *string,
            gboolean     want_tuple,
            const char  *member,
            GError     **error)
{
  if (!g_variant_type_string_is_valid (string) ||
      strlen (string) > RO_INTERFACE_MAX_NAME_LENGTH ||
      (want_tuple && !g_variant_type_is_tuple (G_VARIANT_TYPE (string))) ||
      !g_variant_type_is_definite (G_VARIANT_TYPE (string)))
    {
      g_set_error (error, RO_ERROR, RO_ERROR_PROTOCOL,
                   "Invalid type “%s” for member “%s”", string, member);
      return NULL;
    }
  return g_variant_type_new (string);
}

static RoInterfaceInfo *
parse_description (GVariant  *variant,
                   GError   **error)
{
  g_autoptr(RoInterfaceInfo) info = NULL;
  g_autoptr(GVariantIter) props = NULL;
  g_autoptr(GVariantIter) sigs = NULL;
  g_autoptr(GVariantIter) methods = NULL;
  g_autoptr(GVariantIter) enums = NULL;
  const char *name, *type, *enum_name, *result;
  guint32 mode;
  gboolean flag;
  GVariant *child;

  if (!g_variant_is_of_type (variant, G_VARIANT_TYPE (INFO_VARIANT_TYPE)))
    {
      g_set_error (error, RO_ERROR, RO_ERROR_PROTOCOL,
                   "An interface description has type “%s”, not “%s”",
                   g_variant_get_type_string (variant), INFO_VARIANT_TYPE);
      return NULL;
    }

  g_variant_get (variant, "(&sa(ssus)a(ss)a(sssb)a(sba(sx)))", &name, &props, &sigs, &methods, &enums);
  info = ro_interface_info_new_empty (name);

  while (g_variant_iter_next (props, "(&s&su&s)", &name, &type, &mode, &enum_name))
    {
      g_autoptr(GVariantType) t = parse_type (type, FALSE, name, error);

      if (t == NULL)
        return NULL;
      if (mode > RO_PROPERTY_MODE_CONSTANT)
        {
          g_set_error (error, RO_ERROR, RO_ERROR_PROTOCOL,
                       "Invalid mode %u for property “%s”", mode, name);
          return NULL;
        }
      ro_interface_info_add_property (info, name, t, mode, enum_name);
    }

  while (g_variant_iter_next (sigs, "(&s&s)", &name, &type))
    {
      g_autoptr(GVariantType) t = parse_type (type, TRUE, name, error);

      if (t == NULL)
        return NULL;
      ro_interface_info_add_signal (info, name, t);
    }

  while (g_variant_iter_next (methods, "(&s&s&sb)", &name, &type, &result, &flag))
    {
      g_autoptr(GVariantType) a = parse_type (type, TRUE, name, error);
      g_autoptr(GVariantType) r = a != NULL ? parse_type (result, TRUE, name, error) : NULL;

      if (r == NULL)
        return NULL;
      if (g_variant_type_n_items (r) > 1)
        {
          g_set_error (error, RO_ERROR, RO_ERROR_PROTOCOL,
                       "Method “%s” returns more than one value", name);
          return NULL;
        }
      ro_interface_info_add_method (info, name, a, r, flag);
    }

  while ((child = g_variant_iter_next_value (enums)))
    {
      g_autoptr(GVariant) owned G_GNUC_UNUSED = child;
      g_autoptr(GVariantIter) values = NULL;
      g_autoptr(GPtrArray) nicks = g_ptr_array_new ();
      g_autoptr(GArray) ints = g_array_new (FALSE, FALSE, sizeof (gint64));
      const char *nick;
      gint64 v;

      g_variant_get (child, "(&sba(sx))", &name, &flag, &values);
      while (g_variant_iter_next (values, "(&sx)", &nick, &v))
        {
          g_ptr_array_add (nicks, (char *) nick);
          g_array_append_val (ints, v);
        }
      if (ints->len > RO_INTERFACE_MAX_MEMBERS)
        {
          g_set_error (error, RO_ERROR, RO_ERROR_PROTOCOL, "Enum “%s” has too many values", name);
          return NULL;
        }
      ro_interface_info_add_enum (info, name, flag, (const char * const *) nicks->pdata,
                                  (const gint64 *) (gpointer) ints->data, ints->len);
    }

  if (!ro_interface_info_seal (info, error))
    return NULL;

  return g_steal_pointer (&info);
}

/* Every replica of an interface brings its description again: the last
 * few read are kept, so that each is checked and hashed once. */
#define N_RECENT 8

static struct
{
  GMutex lock;
  GVariant *descriptions[N_RECENT];
  RoInterfaceInfo *infos[N_RECENT];
  guint next;
} recent;

/**
 * ro_interface_info_new_from_variant:
 * @variant: a value as made by [method@Ro.InterfaceInfo.to_variant]
 * @error: return location for a #GError
 *
 * Rebuilds an interface info received from a peer, checking every name,
 * type and mode. The signature is computed afresh, never trusted. An info
 * is immutable: the same description read recently gives back the same
 * info.
 *
 * Returns: (transfer full) (nullable): the interface info, or %NULL with
 *   %RO_ERROR_PROTOCOL
 */
RoInterfaceInfo *
ro_interface_info_new_from_variant (GVariant  *variant,
                                    GError   **error)
{
  RoInterfaceInfo *info = NULL;

  g_return_val_if_fail (variant != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_mutex_lock (&recent.lock);
  for (guint i = 0; i < N_RECENT && info == NULL; i++)
    if (recent.descriptions[i] != NULL && g_variant_equal (recent.descriptions[i], variant))
      info = ro_interface_info_ref (recent.infos[i]);
  g_mutex_unlock (&recent.lock);
  if (info != NULL)
    return info;

  info = parse_description (variant, error);
  if (info == NULL)
    return NULL;

  g_mutex_lock (&recent.lock);
  g_clear_pointer (&recent.descriptions[recent.next], g_variant_unref);
  g_clear_pointer (&recent.infos[recent.next], ro_interface_info_unref);
  recent.descriptions[recent.next] = g_variant_ref_sink (variant);
  recent.infos[recent.next] = ro_interface_info_ref (info);
  recent.next = (recent.next + 1) % N_RECENT;
  g_mutex_unlock (&recent.lock);
  return info;
}

/**
 * ro_interface_info_ref:
 * @info: a #RoInterfaceInfo
 *
 * Takes a reference on @info.
 *
 * Returns: (transfer full): @info
 */
RoInterfaceInfo *
ro_interface_info_ref (RoInterfaceInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);

  g_atomic_ref_count_inc (&info->ref_count);
  return info;
}

/**
 * ro_interface_info_unref:
 * @info: (transfer full): a #RoInterfaceInfo
 *
 * Drops a reference on @info, freeing it when the last one goes.
 */
void
ro_interface_info_unref (RoInterfaceInfo *info)
{
  g_return_if_fail (info != NULL);

  if (!g_atomic_ref_count_dec (&info->ref_count))
    return;

  g_free (info->name);
  g_free (info->signature);
  g_free (info->description);
  g_ptr_array_unref (info->properties);
  g_ptr_array_unref (info->signals);
  g_ptr_array_unref (info->methods);
  g_ptr_array_unref (info->enums);
  g_free (info);
}

/**
 * ro_interface_info_get_name:
 * @info: a #RoInterfaceInfo
 *
 * Gets the interface name: the source's type name, or the `.rep` class name.
 *
 * Returns: (transfer none): the name
 */
const char *
ro_interface_info_get_name (RoInterfaceInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);
  return info->name;
}

/**
 * ro_interface_info_get_signature:
 * @info: a #RoInterfaceInfo
 *
 * Gets the signature: the lowercase hex SHA-256 of the canonical text of
 * [method@Ro.InterfaceInfo.to_string]. Equal interfaces have equal
 * signatures on every machine.
 *
 * Returns: (transfer none): 64 hexadecimal digits
 */
const char *
ro_interface_info_get_signature (RoInterfaceInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);
  return info->signature;
}

/**
 * ro_interface_info_to_string:
 * @info: a #RoInterfaceInfo
 *
 * Gets the canonical text the signature is computed from: one line per
 * member, properties first, then signals, methods and enums, each group in
 * name order, for example `property temperature d READONLY`,
 * `signal overheat (msd)`, `method heat (d) (d)`, `enum Mode off=0 on=1`.
 *
 * Returns: (transfer full): the description
 */
char *
ro_interface_info_to_string (RoInterfaceInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);
  return g_strdup (info->description);
}

static int
lookup (GPtrArray  *members,
        const char *name)
{
  guint lo = 0, hi = members->len;

  if (name == NULL)
    return -1;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      int cmp = strcmp (name, *(char **) g_ptr_array_index (members, mid));

      if (cmp == 0)
        return (int) mid;
      if (cmp < 0)
        hi = mid;
      else
        lo = mid + 1;
    }
  return -1;
}

#define MEMBER(info, array, index, fallback) \
  g_return_val_if_fail (info != NULL, fallback); \
  g_return_val_if_fail (index < info->array->len, fallback)

/**
 * ro_interface_info_get_n_properties:
 * @info: a #RoInterfaceInfo
 *
 * Gets the number of properties of the interface. Indexes from 0 to this
 * number less one name them, in name order.
 *
 * Returns: the number of properties
 */
guint
ro_interface_info_get_n_properties (RoInterfaceInfo *info)
{
  g_return_val_if_fail (info != NULL, 0);
  return info->properties->len;
}

/**
 * ro_interface_info_lookup_property:
 * @info: a #RoInterfaceInfo
 * @name: a property name
 *
 * Finds a property by name.
 *
 * Returns: the index of the property named @name, or -1
 */
int
ro_interface_info_lookup_property (RoInterfaceInfo *info,
                                   const char      *name)
{
  g_return_val_if_fail (info != NULL, -1);
  return lookup (info->properties, name);
}

/**
 * ro_interface_info_get_property_name:
 * @info: a #RoInterfaceInfo
 * @index: a property index, less than [method@Ro.InterfaceInfo.get_n_properties]
 *
 * Gets the name of a property.
 *
 * Returns: (transfer none): the property's name
 */
const char *
ro_interface_info_get_property_name (RoInterfaceInfo *info,
                                     guint            index)
{
  MEMBER (info, properties, index, NULL);
  return ((PropertyInfo *) g_ptr_array_index (info->properties, index))->name;
}

/**
 * ro_interface_info_get_property_type:
 * @info: a #RoInterfaceInfo
 * @index: a property index
 *
 * Gets the GVariant type a property's values travel as (see
 * [func@Ro.value_type_for_gtype]).
 *
 * Returns: (transfer none): the GVariant type of the property's values
 */
const GVariantType *
ro_interface_info_get_property_type (RoInterfaceInfo *info,
                                     guint            index)
{
  MEMBER (info, properties, index, NULL);
  return ((PropertyInfo *) g_ptr_array_index (info->properties, index))->type;
}

/**
 * ro_interface_info_get_property_mode:
 * @info: a #RoInterfaceInfo
 * @index: a property index
 *
 * Gets the mode of a property.
 *
 * Returns: how replicas may use the property
 */
RoPropertyMode
ro_interface_info_get_property_mode (RoInterfaceInfo *info,
                                     guint            index)
{
  MEMBER (info, properties, index, RO_PROPERTY_MODE_READONLY);
  return ((PropertyInfo *) g_ptr_array_index (info->properties, index))->mode;
}

/**
 * ro_interface_info_get_property_enum:
 * @info: a #RoInterfaceInfo
 * @index: a property index
 *
 * Gets the name of the enum or flags type of the property's values, whose
 * nicks are listed in the info (see [method@Ro.InterfaceInfo.lookup_enum]).
 *
 * Returns: (transfer none) (nullable): the enum name, or %NULL if the
 *   property is not an enum or flags
 */
const char *
ro_interface_info_get_property_enum (RoInterfaceInfo *info,
                                     guint            index)
{
  MEMBER (info, properties, index, NULL);
  return ((PropertyInfo *) g_ptr_array_index (info->properties, index))->enum_name;
}

/**
 * ro_interface_info_get_n_signals:
 * @info: a #RoInterfaceInfo
 *
 * Gets the number of signals the source forwards.
 *
 * Returns: the number of forwarded signals
 */
guint
ro_interface_info_get_n_signals (RoInterfaceInfo *info)
{
  g_return_val_if_fail (info != NULL, 0);
  return info->signals->len;
}

/**
 * ro_interface_info_lookup_signal:
 * @info: a #RoInterfaceInfo
 * @name: a signal name
 *
 * Finds a forwarded signal by name.
 *
 * Returns: the index of the signal named @name, or -1
 */
int
ro_interface_info_lookup_signal (RoInterfaceInfo *info,
                                 const char      *name)
{
  g_return_val_if_fail (info != NULL, -1);
  return lookup (info->signals, name);
}

/**
 * ro_interface_info_get_signal_name:
 * @info: a #RoInterfaceInfo
 * @index: a signal index
 *
 * Gets the name of a forwarded signal.
 *
 * Returns: (transfer none): the signal's name
 */
const char *
ro_interface_info_get_signal_name (RoInterfaceInfo *info,
                                   guint            index)
{
  MEMBER (info, signals, index, NULL);
  return ((SignalInfo *) g_ptr_array_index (info->signals, index))->name;
}

/**
 * ro_interface_info_get_signal_arg_types:
 * @info: a #RoInterfaceInfo
 * @index: a signal index
 *
 * Gets the types of a forwarded signal's arguments, as a tuple type such as
 * `(sd)`.
 *
 * Returns: (transfer none): the tuple type of the signal's arguments
 */
const GVariantType *
ro_interface_info_get_signal_arg_types (RoInterfaceInfo *info,
                                        guint            index)
{
  MEMBER (info, signals, index, NULL);
  return ((SignalInfo *) g_ptr_array_index (info->signals, index))->args;
}

/**
 * ro_interface_info_get_n_methods:
 * @info: a #RoInterfaceInfo
 *
 * Gets the number of methods, the action signals of the source.
 *
 * Returns: the number of methods
 */
guint
ro_interface_info_get_n_methods (RoInterfaceInfo *info)
{
  g_return_val_if_fail (info != NULL, 0);
  return info->methods->len;
}

/**
 * ro_interface_info_lookup_method:
 * @info: a #RoInterfaceInfo
 * @name: a method name
 *
 * Finds a method by name.
 *
 * Returns: the index of the method named @name, or -1
 */
int
ro_interface_info_lookup_method (RoInterfaceInfo *info,
                                 const char      *name)
{
  g_return_val_if_fail (info != NULL, -1);
  return lookup (info->methods, name);
}

/**
 * ro_interface_info_get_method_name:
 * @info: a #RoInterfaceInfo
 * @index: a method index
 *
 * Gets the name of a method.
 *
 * Returns: (transfer none): the method's name
 */
const char *
ro_interface_info_get_method_name (RoInterfaceInfo *info,
                                   guint            index)
{
  MEMBER (info, methods, index, NULL);
  return ((MethodInfo *) g_ptr_array_index (info->methods, index))->name;
}

/**
 * ro_interface_info_get_method_arg_types:
 * @info: a #RoInterfaceInfo
 * @index: a method index
 *
 * Gets the types of a method's arguments, as a tuple type such as `(ii)`. A
 * [class@Ro.Invocation] the handler takes is not among them.
 *
 * Returns: (transfer none): the tuple type of the method's arguments
 */
const GVariantType *
ro_interface_info_get_method_arg_types (RoInterfaceInfo *info,
                                        guint            index)
{
  MEMBER (info, methods, index, NULL);
  return ((MethodInfo *) g_ptr_array_index (info->methods, index))->args;
}

/**
 * ro_interface_info_get_method_return_type:
 * @info: a #RoInterfaceInfo
 * @index: a method index
 *
 * Gets the type of a method's result, as [method@Ro.Replica.call_finish]
 * returns it.
 *
 * Returns: (transfer none): the tuple type of the method's result: `()` or
 *   a tuple of one value
 */
const GVariantType *
ro_interface_info_get_method_return_type (RoInterfaceInfo *info,
                                          guint            index)
{
  MEMBER (info, methods, index, NULL);
  return ((MethodInfo *) g_ptr_array_index (info->methods, index))->result;
}

/**
 * ro_interface_info_get_method_takes_invocation:
 * @info: a #RoInterfaceInfo
 * @index: a method index
 *
 * Tells whether the source's handler takes a [class@Ro.Invocation] and may
 * reply later. This does not change the interface and is not part of the
 * signature.
 *
 * Returns: %TRUE if the handler takes an invocation
 */
gboolean
ro_interface_info_get_method_takes_invocation (RoInterfaceInfo *info,
                                               guint            index)
{
  MEMBER (info, methods, index, FALSE);
  return ((MethodInfo *) g_ptr_array_index (info->methods, index))->takes_invocation;
}

/**
 * ro_interface_info_get_n_enums:
 * @info: a #RoInterfaceInfo
 *
 * Gets the number of enum and flags types that the properties, signals and
 * methods use.
 *
 * Returns: the number of enum and flags types the interface uses
 */
guint
ro_interface_info_get_n_enums (RoInterfaceInfo *info)
{
  g_return_val_if_fail (info != NULL, 0);
  return info->enums->len;
}

/**
 * ro_interface_info_lookup_enum:
 * @info: a #RoInterfaceInfo
 * @name: an enum type name
 *
 * Finds an enum or flags type by its type name.
 *
 * Returns: the index of the enum named @name, or -1
 */
int
ro_interface_info_lookup_enum (RoInterfaceInfo *info,
                               const char      *name)
{
  g_return_val_if_fail (info != NULL, -1);
  return lookup (info->enums, name);
}

/**
 * ro_interface_info_get_enum_name:
 * @info: a #RoInterfaceInfo
 * @index: an enum index
 *
 * Gets the type name of an enum or flags type, such as `GtkAlign`.
 *
 * Returns: (transfer none): the enum's type name
 */
const char *
ro_interface_info_get_enum_name (RoInterfaceInfo *info,
                                 guint            index)
{
  MEMBER (info, enums, index, NULL);
  return ((EnumInfo *) g_ptr_array_index (info->enums, index))->name;
}

/**
 * ro_interface_info_get_enum_is_flags:
 * @info: a #RoInterfaceInfo
 * @index: an enum index
 *
 * Tells whether an enumeration is a flags type.
 *
 * Returns: %TRUE for a flags type, %FALSE for an enumeration
 */
gboolean
ro_interface_info_get_enum_is_flags (RoInterfaceInfo *info,
                                     guint            index)
{
  MEMBER (info, enums, index, FALSE);
  return ((EnumInfo *) g_ptr_array_index (info->enums, index))->is_flags;
}

/**
 * ro_interface_info_get_enum_n_values:
 * @info: a #RoInterfaceInfo
 * @index: an enum index
 *
 * Gets the number of values of an enum or flags type.
 *
 * Returns: the number of values of the enum
 */
guint
ro_interface_info_get_enum_n_values (RoInterfaceInfo *info,
                                     guint            index)
{
  MEMBER (info, enums, index, 0);
  return ((EnumInfo *) g_ptr_array_index (info->enums, index))->values->len;
}

/**
 * ro_interface_info_get_enum_value_nick:
 * @info: a #RoInterfaceInfo
 * @index: an enum index
 * @value_index: a value index, less than [method@Ro.InterfaceInfo.get_enum_n_values]
 * @value: (out) (optional): return location for the numeric value
 *
 * Gets a value of an enum or flags type, by index: its nick, the name it
 * travels as, and its numeric value.
 *
 * Returns: (transfer none): the nick of the value
 */
const char *
ro_interface_info_get_enum_value_nick (RoInterfaceInfo *info,
                                       guint            index,
                                       guint            value_index,
                                       gint64          *value)
{
  EnumInfo *e;
  EnumValue *v;

  MEMBER (info, enums, index, NULL);
  e = g_ptr_array_index (info->enums, index);
  g_return_val_if_fail (value_index < e->values->len, NULL);

  v = &g_array_index (e->values, EnumValue, value_index);
  if (value != NULL)
    *value = v->value;
  return v->nick;
}
