/* repc-generator.c: writing the C header and source of a .rep file
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * For every class NAME of the .rep file the output holds:
 *
 * - NAMESource, a derivable GObject: one GParamSpec per PROP with a typed
 *   getter and setter (the setter notifies only on change), one signal per
 *   SIGNAL with an emit function, and one action signal per SLOT whose class
 *   handler is a virtual function that subclasses override;
 * - NAMEReplica, a final subclass of RoReplica: the same properties (typed
 *   getters, setters that push for READWRITE, push functions for READPUSH),
 *   the same signals, call_SLOT_async/_finish/_sync, and the interface
 *   signature and canonical text compiled in;
 *
 * plus a GEnum type per ENUM and builder and reader functions per POD. The
 * code is written to be read: GNU style, aligned parameters, doc comments.
 */

#include "config.h"

#include <string.h>

#include "repc.h"

typedef enum {
  HELPER_WIRE_STRING = 1 << 0,
  HELPER_WIRE_BYTES = 1 << 1,
  HELPER_WIRE_VARIANT = 1 << 2,
  HELPER_STRV_EQUAL = 1 << 3,
  HELPER_UNPACK_REPLY = 1 << 4,
  HELPER_WARN_MISMATCH = 1 << 5,
} Helper;

typedef struct
{
  RepcFile *file;
  guint helpers;
} Gen;

/* Formatting */

typedef struct
{
  char *type;
  char *name;
  const char *suffix;   /* G_GNUC_UNUSED, or NULL */
} CParam;

static void
cparam_clear (CParam *param)
{
  g_free (param->type);
  g_free (param->name);
}

static GArray *
cparams_new (void)
{
  GArray *params = g_array_new (FALSE, TRUE, sizeof (CParam));

  g_array_set_clear_func (params, (GDestroyNotify) cparam_clear);
  return params;
}

static void
cparams_add (GArray     *params,
             const char *type,
             const char *name)
{
  CParam param = { g_strdup (type), g_strdup (name), NULL };

  g_array_append_val (params, param);
}

static void
cparams_add_unused (GArray     *params,
                    const char *type,
                    const char *name,
                    gboolean    unused)
{
  CParam param = { g_strdup (type), g_strdup (name), unused ? "G_GNUC_UNUSED" : NULL };

  g_array_append_val (params, param);
}

/* "const char * const *" is "const char * const" and "*": stars go with the
 * name, so that names line up after them. */
static void
split_type (const char  *type,
            char       **base,
            char       **stars)
{
  gsize len = strlen (type);
  gsize n = 0;

  while (len > 0 && (type[len - 1] == '*' || type[len - 1] == ' '))
    {
      if (type[len - 1] == '*')
        n++;
      len--;
    }
  *base = g_strndup (type, len);
  *stars = g_strnfill (n, '*');
}

static void
pad (GString *out,
     gsize    n)
{
  for (gsize i = 0; i < n; i++)
    g_string_append_c (out, ' ');
}

/* Writes @text as doc comment lines "<indent> * …" of at most 80 columns;
 * an empty line in @text starts a new paragraph. */
static void
append_doc (GString    *out,
            const char *indent,
            const char *text)
{
  g_auto(GStrv) paragraphs = g_strsplit (text, "\n\n", -1);

  for (guint p = 0; paragraphs[p] != NULL; p++)
    {
      g_auto(GStrv) words = g_strsplit_set (paragraphs[p], " \n", -1);
      gsize column = 0;

      if (p > 0)
        g_string_append_printf (out, "%s *\n", indent);
      for (guint i = 0; words[i] != NULL; i++)
        {
          gsize len = g_utf8_strlen (words[i], -1);

          if (len == 0)
            continue;
          if (column > 0 && column + 1 + len > 80)
            {
              g_string_append_c (out, '\n');
              column = 0;
            }
          if (column == 0)
            {
              g_string_append_printf (out, "%s * %s", indent, words[i]);
              column = strlen (indent) + 3 + len;
            }
          else
            {
              g_string_append_printf (out, " %s", words[i]);
              column += 1 + len;
            }
        }
      g_string_append_c (out, '\n');
    }
}

/* Writes "(type name,\n<indent>type name)" with the names in one column. */
static void
append_params (GString *out,
               GArray  *params,
               gsize    indent)
{
  gsize max_base = 0;
  gsize max_stars = 0;

  g_string_append_c (out, '(');
  if (params->len == 0)
    {
      g_string_append (out, "void)");
      return;
    }

  for (guint i = 0; i < params->len; i++)
    {
      CParam *p = &g_array_index (params, CParam, i);
      g_autofree char *base = NULL;
      g_autofree char *stars = NULL;

      split_type (p->type, &base, &stars);
      max_base = MAX (max_base, strlen (base));
      max_stars = MAX (max_stars, strlen (stars));
    }

  for (guint i = 0; i < params->len; i++)
    {
      CParam *p = &g_array_index (params, CParam, i);
      g_autofree char *base = NULL;
      g_autofree char *stars = NULL;

      split_type (p->type, &base, &stars);
      if (i > 0)
        {
          g_string_append (out, ",\n");
          pad (out, indent + 1);
        }
      g_string_append (out, base);
      pad (out, max_base - strlen (base) + 1 + max_stars - strlen (stars));
      g_string_append_printf (out, "%s%s", stars, p->name);
      if (p->suffix != NULL)
        g_string_append_printf (out, " %s", p->suffix);
    }
  g_string_append_c (out, ')');
}

/* The head of a function definition: the return type on its own line. */
static void
append_definition (GString    *out,
                   const char *ret,
                   const char *name,
                   GArray     *params)
{
  g_string_append_printf (out, "%s\n%s ", ret, name);
  append_params (out, params, strlen (name) + 1);
  g_string_append_c (out, '\n');
}

typedef struct
{
  char *ret;
  char *name;
  GArray *params;
} Proto;

static void
proto_free (Proto *proto)
{
  g_free (proto->ret);
  g_free (proto->name);
  g_array_unref (proto->params);
  g_free (proto);
}

static GPtrArray *
protos_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) proto_free);
}

static void
protos_add (GPtrArray  *protos,
            const char *ret,
            const char *name,
            GArray     *params)
{
  Proto *proto = g_new0 (Proto, 1);

  proto->ret = g_strdup (ret);
  proto->name = g_strdup (name);
  proto->params = g_array_ref (params);
  g_ptr_array_add (protos, proto);
}

/* Declarations in columns: return types, names, parameters. */
static void
append_protos (GString    *out,
               GPtrArray  *protos,
               const char *indent,
               const char *terminator)
{
  gsize max_base = 0;
  gsize max_stars = 0;
  gsize max_name = 0;

  for (guint i = 0; i < protos->len; i++)
    {
      Proto *proto = g_ptr_array_index (protos, i);
      g_autofree char *base = NULL;
      g_autofree char *stars = NULL;

      split_type (proto->ret, &base, &stars);
      max_base = MAX (max_base, strlen (base));
      max_stars = MAX (max_stars, strlen (stars));
      max_name = MAX (max_name, strlen (proto->name));
    }

  for (guint i = 0; i < protos->len; i++)
    {
      Proto *proto = g_ptr_array_index (protos, i);
      g_autofree char *base = NULL;
      g_autofree char *stars = NULL;
      gsize column;

      split_type (proto->ret, &base, &stars);
      g_string_append_printf (out, "%s%s", indent, base);
      pad (out, max_base - strlen (base) + 1 + max_stars - strlen (stars));
      g_string_append_printf (out, "%s%s", stars, proto->name);
      pad (out, max_name - strlen (proto->name) + 1);
      column = strlen (indent) + max_base + 1 + max_stars + max_name + 1;
      append_params (out, proto->params, column);
      g_string_append_printf (out, "%s\n", terminator);
    }
}

/* Types */

/* The value a property starts with: its default, or the first value of
 * its enum, since a GEnum property must hold one of its values. */
static const char *
initial_value (RepcProperty *prop)
{
  if (prop->default_c != NULL || prop->type->kind != REPC_TYPE_ENUM)
    return prop->default_c;
  return ((RepcEnumValue *) g_ptr_array_index (prop->type->enumeration->values, 0))->c_name;
}

/* g_param_spec_TYPE ("name", NULL, NULL, ..., flags), its arguments lined
 * up under the first one; the call starts at @column. */
static char *
pspec_for (RepcType   *type,
           const char *name,
           const char *default_c,
           const char *flags,
           gsize       column)
{
  g_autofree char *middle = NULL;
  const char *fn;
  GString *out;

  switch (type->kind)
    {
    case REPC_TYPE_BOOL:
      fn = "g_param_spec_boolean";
      middle = g_strdup (default_c != NULL ? default_c : "FALSE");
      break;
    case REPC_TYPE_INT:
      fn = "g_param_spec_int";
      middle = g_strdup_printf ("G_MININT, G_MAXINT, %s", default_c != NULL ? default_c : "0");
      break;
    case REPC_TYPE_UINT:
      fn = "g_param_spec_uint";
      middle = g_strdup_printf ("0, G_MAXUINT, %s", default_c != NULL ? default_c : "0");
      break;
    case REPC_TYPE_INT64:
      fn = "g_param_spec_int64";
      middle = g_strdup_printf ("G_MININT64, G_MAXINT64, %s", default_c != NULL ? default_c : "0");
      break;
    case REPC_TYPE_UINT64:
      fn = "g_param_spec_uint64";
      middle = g_strdup_printf ("0, G_MAXUINT64, %s", default_c != NULL ? default_c : "0");
      break;
    case REPC_TYPE_DOUBLE:
      fn = "g_param_spec_double";
      middle = g_strdup_printf ("-G_MAXDOUBLE, G_MAXDOUBLE, %s", default_c != NULL ? default_c : "0.0");
      break;
    case REPC_TYPE_STRING:
      fn = "g_param_spec_string";
      middle = g_strdup (default_c != NULL ? default_c : "NULL");
      break;
    case REPC_TYPE_BYTES:
      fn = "g_param_spec_boxed";
      middle = g_strdup ("G_TYPE_BYTES");
      break;
    case REPC_TYPE_STRV:
      fn = "g_param_spec_boxed";
      middle = g_strdup ("G_TYPE_STRV");
      break;
    case REPC_TYPE_ENUM:
      fn = "g_param_spec_enum";
      middle = g_strdup_printf ("%s, %s", type->enumeration->type_macro, default_c);
      break;
    case REPC_TYPE_VARIANT:
      fn = "g_param_spec_variant";
      middle = g_strdup ("G_VARIANT_TYPE_ANY, NULL");
      break;
    case REPC_TYPE_VARIANT_MAP:
    case REPC_TYPE_LIST:
    case REPC_TYPE_POD:
      {
        g_autofree char *variant_type = repc_type_container (type);

        fn = "g_param_spec_variant";
        middle = g_strdup_printf ("G_VARIANT_TYPE (\"%s\"), NULL", variant_type);
      }
      break;
    case REPC_TYPE_UNRESOLVED:
    case REPC_TYPE_VOID:
    default:
      g_assert_not_reached ();
    }

  out = g_string_new (NULL);
  g_string_append_printf (out, "%s (\"%s\", NULL, NULL,\n", fn, name);
  pad (out, column + strlen (fn) + 2);
  g_string_append_printf (out, "%s,\n", middle);
  pad (out, column + strlen (fn) + 2);
  g_string_append_printf (out, "%s)", flags);
  return g_string_free (out, FALSE);
}

/* An expression that makes the GVariant @expr travels as to the source. */
static char *
wire_expr (Gen        *g,
           RepcType   *type,
           const char *expr)
{
  switch (type->kind)
    {
    case REPC_TYPE_BOOL: return g_strdup_printf ("g_variant_new_boolean (%s)", expr);
    case REPC_TYPE_INT:
    case REPC_TYPE_ENUM:
      return g_strdup_printf ("g_variant_new_int32 (%s)", expr);
    case REPC_TYPE_UINT: return g_strdup_printf ("g_variant_new_uint32 (%s)", expr);
    case REPC_TYPE_INT64: return g_strdup_printf ("g_variant_new_int64 (%s)", expr);
    case REPC_TYPE_UINT64: return g_strdup_printf ("g_variant_new_uint64 (%s)", expr);
    case REPC_TYPE_DOUBLE: return g_strdup_printf ("g_variant_new_double (%s)", expr);
    case REPC_TYPE_STRING:
      g->helpers |= HELPER_WIRE_STRING;
      return g_strdup_printf ("repc_wire_string (%s)", expr);
    case REPC_TYPE_BYTES:
      g->helpers |= HELPER_WIRE_BYTES;
      return g_strdup_printf ("repc_wire_bytes (%s)", expr);
    case REPC_TYPE_STRV:
      return g_strdup_printf ("g_variant_new_strv (%s, %s != NULL ? -1 : 0)", expr, expr);
    case REPC_TYPE_VARIANT:
    case REPC_TYPE_VARIANT_MAP:
    case REPC_TYPE_LIST:
    case REPC_TYPE_POD:
      g->helpers |= HELPER_WIRE_VARIANT;
      return g_strdup_printf ("repc_wire_variant (%s)", expr);
    case REPC_TYPE_UNRESOLVED:
    case REPC_TYPE_VOID:
    default:
      g_assert_not_reached ();
    }
}

/* Like wire_expr(), for a value inside a POD: no maybe types there. */
static char *
container_expr (Gen        *g,
                RepcType   *type,
                const char *expr)
{
  switch (type->kind)
    {
    case REPC_TYPE_STRING:
      return g_strdup_printf ("g_variant_new_string (%s != NULL ? %s : \"\")", expr, expr);
    case REPC_TYPE_VARIANT:
      return g_strdup_printf ("g_variant_new_variant (%s)", expr);
    case REPC_TYPE_VARIANT_MAP:
    case REPC_TYPE_LIST:
    case REPC_TYPE_POD:
      return g_strdup (expr);
    default:
      return wire_expr (g, type, expr);
    }
}

static char *
gtype_list (GPtrArray *params)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "%u", params->len);
  for (guint i = 0; i < params->len; i++)
    {
      RepcParam *param = g_ptr_array_index (params, i);
      g_autofree char *gtype = repc_type_gtype (param->type);

      g_string_append_printf (out, ", %s", gtype);
    }
  return g_string_free (out, FALSE);
}

static const char *
mode_name (RoPropertyMode mode)
{
  switch (mode)
    {
    case RO_PROPERTY_MODE_READONLY: return "READONLY";
    case RO_PROPERTY_MODE_READPUSH: return "READPUSH";
    case RO_PROPERTY_MODE_READWRITE: return "READWRITE";
    case RO_PROPERTY_MODE_CONSTANT: return "CONSTANT";
    default: g_assert_not_reached ();
    }
}

static char *
rep_declaration (RepcProperty *prop)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "`PROP(%s %s", prop->type->spelling, prop->name);
  if (prop->default_text != NULL)
    g_string_append_printf (out, " = %s", prop->default_text);
  g_string_append_printf (out, " %s%s%s)`",
                          prop->source_only_setter ? "SOURCEONLYSETTER" : mode_name (prop->mode),
                          prop->persisted ? ", " : "", prop->persisted ? "PERSISTED" : "");
  return g_string_free (out, FALSE);
}

/* The header */

static void
header_enum (GString  *out,
             RepcEnum *e)
{
  g_string_append_printf (out, "/**\n * %s:\n", e->type_name);
  for (guint i = 0; i < e->values->len; i++)
    {
      RepcEnumValue *v = g_ptr_array_index (e->values, i);

      g_string_append_printf (out, " * @%s: `%s` (nick “%s”)\n", v->c_name, v->name, v->nick);
    }
  {
    g_autofree char *text = e->scope != NULL
      ? g_strdup_printf ("The `%s` enumeration of the `%s` interface. Its type name and nicks "
                         "are part of the signature of every interface that uses it.", e->name, e->scope->name)
      : g_strdup_printf ("The `%s` enumeration. Its type name and nicks are part of the "
                         "signature of every interface that uses it.", e->name);

    g_string_append (out, " *\n");
    append_doc (out, "", text);
  }
  g_string_append (out, " */\ntypedef enum {\n");
  for (guint i = 0; i < e->values->len; i++)
    {
      RepcEnumValue *v = g_ptr_array_index (e->values, i);

      g_string_append_printf (out, "  %s = %" G_GINT64_FORMAT ",\n", v->c_name, v->value);
    }
  g_string_append_printf (out, "} %s;\n\n#define %s (%s_get_type ())\nGType %s_get_type (void) G_GNUC_CONST;\n\n",
                          e->type_name, e->type_macro, e->snake, e->snake);
}

static const char *
pod_field_return (RepcType *type)
{
  switch (type->kind)
    {
    case REPC_TYPE_STRING: return "const char *";
    case REPC_TYPE_STRV: return "char **";
    default: return repc_type_c_in (type);
    }
}

static char *
pod_param_name (RepcPod *pod)
{
  return repc_is_reserved_c_name (pod->snake) ? g_strconcat (pod->snake, "_", NULL) : g_strdup (pod->snake);
}

static void
header_pod (GString *out,
            RepcPod *pod)
{
  g_autoptr(GPtrArray) protos = protos_new ();
  g_autoptr(GArray) params = cparams_new ();
  g_autofree char *fname = g_strdup_printf ("%s_new", pod->snake);
  g_autofree char *self = pod_param_name (pod);
  g_autofree char *text = g_strdup_printf ("The #GVariantType of a `%s`: a tuple `%s`. Build one "
                                           "with %s_new() and read its fields with the %s_get_ functions.",
                                           pod->name, pod->type_string, pod->snake, pod->snake);

  g_string_append_printf (out, "/**\n * %s_VARIANT_TYPE:\n *\n", pod->upper);
  append_doc (out, "", text);
  g_string_append_printf (out, " */\n#define %s_VARIANT_TYPE (G_VARIANT_TYPE (\"%s\"))\n\n",
                          pod->upper, pod->type_string);

  for (guint i = 0; i < pod->fields->len; i++)
    {
      RepcParam *field = g_ptr_array_index (pod->fields, i);

      cparams_add (params, repc_type_c_in (field->type), field->c_name);
    }
  protos_add (protos, "GVariant *", fname, params);

  for (guint i = 0; i < pod->fields->len; i++)
    {
      RepcParam *field = g_ptr_array_index (pod->fields, i);
      g_autoptr(GArray) getter = cparams_new ();
      g_autofree char *name = g_strdup_printf ("%s_get_%s", pod->snake, field->snake);

      cparams_add (getter, "GVariant *", self);
      protos_add (protos, pod_field_return (field->type), name, getter);
    }

  append_protos (out, protos, "", ";");
  g_string_append_c (out, '\n');
}

static GArray *
self_params (const char *type_name)
{
  GArray *params = cparams_new ();
  g_autofree char *type = g_strdup_printf ("%s *", type_name);

  cparams_add (params, type, "self");
  return params;
}

static void
add_params (GArray       *cparams,
            RepcFunction *func)
{
  for (guint i = 0; i < func->params->len; i++)
    {
      RepcParam *param = g_ptr_array_index (func->params, i);

      cparams_add (cparams, repc_type_c_in (param->type), param->c_name);
    }
}

static void
header_source (GString   *out,
               RepcClass *klass)
{
  g_autofree char *source = g_strconcat (klass->name, "Source", NULL);
  g_autofree char *source_ptr = g_strconcat (source, " *", NULL);
  g_autoptr(GPtrArray) vfuncs = protos_new ();
  g_autoptr(GPtrArray) protos = protos_new ();

  g_string_append_printf (out, "#define %s_TYPE_SOURCE (%s_source_get_type ())\n"
                               "G_DECLARE_DERIVABLE_TYPE (%s, %s_source, %s, SOURCE, GObject)\n\n",
                          klass->upper, klass->snake, source, klass->snake, klass->upper);

  g_string_append_printf (out, "/**\n * %sClass:\n * @parent_class: the parent class\n", source);
  for (guint i = 0; i < klass->slots->len; i++)
    {
      RepcFunction *func = g_ptr_array_index (klass->slots, i);

      g_string_append_printf (out, " * @%s: implements the slot `%s`: the class handler of the\n"
                                   " *   action signal “%s”\n", func->c_name, func->name, func->gname);
    }
  g_string_append_printf (out, " *\n * The class of #%s. Subclasses implement the slots by\n"
                               " * overriding their virtual functions.\n */\n"
                               "struct _%sClass\n{\n  GObjectClass parent_class;\n\n", source, source);
  for (guint i = 0; i < klass->slots->len; i++)
    {
      RepcFunction *func = g_ptr_array_index (klass->slots, i);
      g_autoptr(GArray) params = self_params (source);
      g_autofree char *name = g_strdup_printf ("(*%s)", func->c_name);

      add_params (params, func);
      protos_add (vfuncs, repc_type_c_owned (func->result), name, params);
    }
  append_protos (out, vfuncs, "  ", ";");
  g_string_append_printf (out, "%s  /*< private >*/\n  gpointer padding[8];\n};\n\n",
                          klass->slots->len > 0 ? "\n" : "");

  {
    g_autoptr(GArray) none = cparams_new ();
    g_autofree char *name = g_strdup_printf ("%s_source_new", klass->snake);

    protos_add (protos, source_ptr, name, none);
  }
  for (guint i = 0; i < klass->properties->len; i++)
    {
      RepcProperty *prop = g_ptr_array_index (klass->properties, i);
      g_autoptr(GArray) getter = self_params (source);
      g_autofree char *get = g_strdup_printf ("%s_source_get_%s", klass->snake, prop->snake);

      protos_add (protos, repc_type_c_in (prop->type), get, getter);
      if (prop->mode != RO_PROPERTY_MODE_CONSTANT)
        {
          g_autoptr(GArray) setter = self_params (source);
          g_autofree char *set = g_strdup_printf ("%s_source_set_%s", klass->snake, prop->snake);

          cparams_add (setter, repc_type_c_in (prop->type), prop->c_name);
          protos_add (protos, "void", set, setter);
        }
    }
  for (guint i = 0; i < klass->signals->len; i++)
    {
      RepcFunction *func = g_ptr_array_index (klass->signals, i);
      g_autoptr(GArray) params = self_params (source);
      g_autofree char *name = g_strdup_printf ("%s_source_emit_%s", klass->snake, func->snake);

      add_params (params, func);
      protos_add (protos, "void", name, params);
    }
  append_protos (out, protos, "", ";");
  g_string_append_c (out, '\n');
}

static void
header_replica (GString   *out,
                RepcClass *klass)
{
  g_autofree char *replica = g_strconcat (klass->name, "Replica", NULL);
  g_autofree char *replica_ptr = g_strconcat (replica, " *", NULL);
  g_autoptr(GPtrArray) protos = protos_new ();

  g_string_append_printf (out, "#define %s_TYPE_REPLICA (%s_replica_get_type ())\n"
                               "G_DECLARE_FINAL_TYPE (%s, %s_replica, %s, REPLICA, RoReplica)\n\n",
                          klass->upper, klass->snake, replica, klass->snake, klass->upper);

  {
    g_autoptr(GArray) params = cparams_new ();
    g_autoptr(GArray) none = cparams_new ();
    g_autofree char *acquire = g_strdup_printf ("%s_replica_acquire", klass->snake);
    g_autofree char *describe = g_strdup_printf ("%s_replica_dup_interface_description", klass->snake);

    cparams_add (params, "RoNode *", "node");
    cparams_add (params, "const char *", "name");
    protos_add (protos, replica_ptr, acquire, params);
    protos_add (protos, "char *", describe, none);
  }

  for (guint i = 0; i < klass->properties->len; i++)
    {
      RepcProperty *prop = g_ptr_array_index (klass->properties, i);
      g_autoptr(GArray) getter = self_params (replica);
      g_autofree char *get = g_strdup_printf ("%s_replica_%s_%s", klass->snake,
                                              repc_type_is_owned (prop->type) ? "dup" : "get", prop->snake);

      protos_add (protos, repc_type_c_owned (prop->type), get, getter);
      if (prop->mode == RO_PROPERTY_MODE_READWRITE || prop->mode == RO_PROPERTY_MODE_READPUSH)
        {
          g_autoptr(GArray) setter = self_params (replica);
          g_autofree char *set = g_strdup_printf ("%s_replica_%s_%s", klass->snake,
                                                  prop->mode == RO_PROPERTY_MODE_READWRITE ? "set" : "push",
                                                  prop->snake);

          cparams_add (setter, repc_type_c_in (prop->type), prop->c_name);
          protos_add (protos, "void", set, setter);
        }
    }

  for (guint i = 0; i < klass->slots->len; i++)
    {
      RepcFunction *func = g_ptr_array_index (klass->slots, i);
      g_autoptr(GArray) async = self_params (replica);
      g_autoptr(GArray) finish = self_params (replica);
      g_autoptr(GArray) sync = self_params (replica);
      g_autofree char *async_name = g_strdup_printf ("%s_replica_call_%s_async", klass->snake, func->snake);
      g_autofree char *finish_name = g_strdup_printf ("%s_replica_call_%s_finish", klass->snake, func->snake);
      g_autofree char *sync_name = g_strdup_printf ("%s_replica_call_%s_sync", klass->snake, func->snake);
      const char *rtype = repc_type_c_owned (func->result);
      g_autofree char *out_type = NULL;

      if (func->result->kind != REPC_TYPE_VOID)
        out_type = g_strdup_printf ("%s%s*", rtype, g_str_has_suffix (rtype, "*") ? "" : " ");

      add_params (async, func);
      cparams_add (async, "GCancellable *", "cancellable");
      cparams_add (async, "GAsyncReadyCallback", "callback");
      cparams_add (async, "gpointer", "user_data");
      protos_add (protos, "void", async_name, async);

      cparams_add (finish, "GAsyncResult *", "result");
      if (out_type != NULL)
        cparams_add (finish, out_type, "out_result");
      cparams_add (finish, "GError **", "error");
      protos_add (protos, "gboolean", finish_name, finish);

      add_params (sync, func);
      cparams_add (sync, "int", "timeout_ms");
      cparams_add (sync, "GCancellable *", "cancellable");
      if (out_type != NULL)
        cparams_add (sync, out_type, "out_result");
      cparams_add (sync, "GError **", "error");
      protos_add (protos, "gboolean", sync_name, sync);
    }

  append_protos (out, protos, "", ";");
  g_string_append_c (out, '\n');
}

char *
repc_generate_header (RepcFile    *file,
                      const char  *rep_name,
                      GError     **error)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "/* Generated by ro-repc from %s: do not edit. */\n\n"
                               "#pragma once\n\n#include <ro-glib/ro-glib.h>\n\nG_BEGIN_DECLS\n\n",
                          rep_name);

  for (guint i = 0; i < file->enums->len; i++)
    header_enum (out, g_ptr_array_index (file->enums, i));
  for (guint i = 0; i < file->classes->len; i++)
    {
      RepcClass *klass = g_ptr_array_index (file->classes, i);

      for (guint j = 0; j < klass->enums->len; j++)
        header_enum (out, g_ptr_array_index (klass->enums, j));
    }
  for (guint i = 0; i < file->pods->len; i++)
    header_pod (out, g_ptr_array_index (file->pods, i));

  for (guint i = 0; i < file->classes->len; i++)
    {
      RepcClass *klass = g_ptr_array_index (file->classes, i);
      g_autoptr(RoInterfaceInfo) info = repc_class_build_info (klass, error);

      if (info == NULL)
        {
          g_string_free (out, TRUE);
          return NULL;
        }

      g_string_append_printf (out, "/**\n * %s_INTERFACE_SIGNATURE:\n *\n"
                                   " * The signature of the `%s` interface (see\n"
                                   " * ro_interface_info_get_signature()): #%sReplica expects a\n"
                                   " * source whose interface has it, such as #%sSource.\n */\n"
                                   "#define %s_INTERFACE_SIGNATURE \"%s\"\n\n",
                              klass->upper, klass->name, klass->name, klass->name,
                              klass->upper, ro_interface_info_get_signature (info));
      header_source (out, klass);
      header_replica (out, klass);
    }

  g_string_append (out, "G_END_DECLS\n");
  return g_string_free (out, FALSE);
}

/* The C source: helpers */

static void
source_helpers (GString *out,
                guint    helpers)
{
  if (helpers & HELPER_WIRE_STRING)
    g_string_append (out,
                     "/* GObject strings are nullable: they travel as “ms”. */\n"
                     "static GVariant *\n"
                     "repc_wire_string (const char *string)\n"
                     "{\n"
                     "  return g_variant_new_maybe (G_VARIANT_TYPE_STRING,\n"
                     "                              string != NULL ? g_variant_new_string (string) : NULL);\n"
                     "}\n\n");
  if (helpers & HELPER_WIRE_BYTES)
    g_string_append (out,
                     "static GVariant *\n"
                     "repc_wire_bytes (GBytes *bytes)\n"
                     "{\n"
                     "  if (bytes == NULL)\n"
                     "    return g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, NULL, 0, 1);\n"
                     "  return g_variant_new_from_bytes (G_VARIANT_TYPE_BYTESTRING, bytes, TRUE);\n"
                     "}\n\n");
  if (helpers & HELPER_WIRE_VARIANT)
    g_string_append (out,
                     "/* GVariant values are nullable: they travel as “mv”. A floating\n"
                     " * @variant is sunk. */\n"
                     "static GVariant *\n"
                     "repc_wire_variant (GVariant *variant)\n"
                     "{\n"
                     "  return g_variant_new_maybe (G_VARIANT_TYPE_VARIANT,\n"
                     "                              variant != NULL ? g_variant_new_variant (variant) : NULL);\n"
                     "}\n\n");
  if (helpers & HELPER_STRV_EQUAL)
    g_string_append (out,
                     "static gboolean\n"
                     "repc_strv_equal (const char * const *a,\n"
                     "                 const char * const *b)\n"
                     "{\n"
                     "  if (a == NULL || b == NULL)\n"
                     "    return a == b;\n"
                     "  return g_strv_equal (a, b);\n"
                     "}\n\n");
  if (helpers & HELPER_UNPACK_REPLY)
    g_string_append (out,
                     "/* A slot's reply is a tuple of one value, of the type the source's\n"
                     " * action signal returns. */\n"
                     "static gboolean\n"
                     "repc_unpack_reply (GVariant  *reply,\n"
                     "                   GValue    *value,\n"
                     "                   GError   **error)\n"
                     "{\n"
                     "  g_autoptr(GVariant) child = NULL;\n"
                     "\n"
                     "  if (!g_variant_is_of_type (reply, G_VARIANT_TYPE_TUPLE) || g_variant_n_children (reply) != 1)\n"
                     "    {\n"
                     "      g_set_error (error, RO_ERROR, RO_ERROR_INVALID_ARGUMENTS,\n"
                     "                   \"Expected a reply of one value, got “%s”\", g_variant_get_type_string (reply));\n"
                     "      return FALSE;\n"
                     "    }\n"
                     "  child = g_variant_get_child_value (reply, 0);\n"
                     "  return ro_value_from_variant (child, value, error);\n"
                     "}\n\n");
  if (helpers & HELPER_WARN_MISMATCH)
    g_string_append (out,
                     "/* Says which members differ when the source's interface is not the\n"
                     " * one the replica was generated for: lines of the canonical text\n"
                     " * only the replica expects (-), and only the source has (+). */\n"
                     "static void\n"
                     "repc_warn_mismatch (RoReplica          *replica,\n"
                     "                    const char * const *expected)\n"
                     "{\n"
                     "  RoInterfaceInfo *info = ro_replica_get_interface_info (replica);\n"
                     "  g_autofree char *text = NULL;\n"
                     "  g_auto(GStrv) actual = NULL;\n"
                     "  g_autoptr(GString) diff = g_string_new (NULL);\n"
                     "\n"
                     "  if (info == NULL)\n"
                     "    return;\n"
                     "\n"
                     "  text = ro_interface_info_to_string (info);\n"
                     "  actual = g_strsplit (text, \"\\n\", -1);\n"
                     "  for (guint i = 0; expected[i] != NULL; i++)\n"
                     "    if (!g_strv_contains ((const char * const *) actual, expected[i]))\n"
                     "      g_string_append_printf (diff, \"\\n  - %s\", expected[i]);\n"
                     "  for (guint i = 0; actual[i] != NULL; i++)\n"
                     "    if (actual[i][0] != '\\0' && !g_strv_contains (expected, actual[i]))\n"
                     "      g_string_append_printf (diff, \"\\n  + %s\", actual[i]);\n"
                     "\n"
                     "  g_warning (\"The source of “%s” (%s) has another interface than %s expects \"\n"
                     "             \"(-: only %s has it, +: only the source has it):%s\",\n"
                     "             ro_replica_get_name (replica), ro_interface_info_get_name (info),\n"
                     "             G_OBJECT_TYPE_NAME (replica), G_OBJECT_TYPE_NAME (replica), diff->str);\n"
                     "}\n\n");
}

/* The C source: enums and PODs */

static void
source_enum (GString  *out,
             RepcEnum *e)
{
  g_string_append_printf (out, "GType\n%s_get_type (void)\n{\n  static gsize type_id;\n"
                               "  static const GEnumValue values[] = {\n", e->snake);
  for (guint i = 0; i < e->values->len; i++)
    {
      RepcEnumValue *v = g_ptr_array_index (e->values, i);

      g_string_append_printf (out, "    { %s, \"%s\", \"%s\" },\n", v->c_name, v->c_name, v->nick);
    }
  g_string_append_printf (out, "    { 0, NULL, NULL },\n  };\n\n"
                               "  if (g_once_init_enter (&type_id))\n    {\n"
                               "      GType type = g_enum_register_static (g_intern_static_string (\"%s\"), values);\n\n"
                               "      g_once_init_leave (&type_id, type);\n    }\n"
                               "  return type_id;\n}\n\n", e->type_name);
}

static void
source_pod (Gen     *g,
            GString *out,
            RepcPod *pod)
{
  g_autoptr(GArray) params = cparams_new ();
  g_autofree char *fname = g_strdup_printf ("%s_new", pod->snake);
  g_autofree char *self = pod_param_name (pod);
  gboolean checks = FALSE;

  g_string_append_printf (out, "/**\n * %s:\n", fname);
  for (guint i = 0; i < pod->fields->len; i++)
    {
      RepcParam *field = g_ptr_array_index (pod->fields, i);
      const char *note = "";

      if (field->type->kind == REPC_TYPE_STRING)
        note = " (nullable): %NULL is stored as \"\"";
      else if (repc_type_is_variant (field->type))
        note = " (transfer none): a floating reference is sunk";
      else if (field->type->kind == REPC_TYPE_BYTES || field->type->kind == REPC_TYPE_STRV)
        note = " (nullable): %NULL is stored as empty";
      g_string_append_printf (out, " * @%s:%s%s\n", field->c_name, note,
                              note[0] == '\0' ? " the value of the field" : "");
      cparams_add (params, repc_type_c_in (field->type), field->c_name);
    }
  g_string_append_printf (out, " *\n * Builds a `%s` value.\n *\n"
                               " * Returns: (transfer floating): a new #GVariant of type %%%s_VARIANT_TYPE\n */\n",
                          pod->name, pod->upper);
  append_definition (out, "GVariant *", fname, params);

  for (guint i = 0; i < pod->fields->len; i++)
    checks |= repc_type_is_variant (((RepcParam *) g_ptr_array_index (pod->fields, i))->type);

  if (!checks)
    {
      g_string_append (out, "{\n  GVariant *children[] = {\n");
      for (guint i = 0; i < pod->fields->len; i++)
        {
          RepcParam *field = g_ptr_array_index (pod->fields, i);
          g_autofree char *expr = container_expr (g, field->type, field->c_name);

          g_string_append_printf (out, "    %s,\n", expr);
        }
      g_string_append (out, "  };\n\n");
    }
  else
    {
      /* GVariant fields are checked before anything is built. */
      g_string_append_printf (out, "{\n  GVariant *children[%u];\n\n", pod->fields->len);
      for (guint i = 0; i < pod->fields->len; i++)
        {
          RepcParam *field = g_ptr_array_index (pod->fields, i);

          if (field->type->kind == REPC_TYPE_VARIANT)
            g_string_append_printf (out, "  g_return_val_if_fail (%s != NULL, NULL);\n", field->c_name);
          else if (repc_type_is_variant (field->type))
            {
              g_autofree char *t = repc_type_container (field->type);

              g_string_append_printf (out, "  g_return_val_if_fail (%s != NULL && g_variant_is_of_type (%s, G_VARIANT_TYPE (\"%s\")), NULL);\n",
                                      field->c_name, field->c_name, t);
            }
        }
      g_string_append_c (out, '\n');
      for (guint i = 0; i < pod->fields->len; i++)
        {
          RepcParam *field = g_ptr_array_index (pod->fields, i);
          g_autofree char *expr = container_expr (g, field->type, field->c_name);

          g_string_append_printf (out, "  children[%u] = %s;\n", i, expr);
        }
      g_string_append_c (out, '\n');
    }
  g_string_append (out, "  return g_variant_new_tuple (children, G_N_ELEMENTS (children));\n}\n\n");

  for (guint i = 0; i < pod->fields->len; i++)
    {
      RepcParam *field = g_ptr_array_index (pod->fields, i);
      g_autoptr(GArray) getter = cparams_new ();
      g_autofree char *name = g_strdup_printf ("%s_get_%s", pod->snake, field->snake);
      g_autofree char *container = repc_type_container (field->type);
      const char *ret = pod_field_return (field->type);
      g_autofree char *returns = NULL;

      cparams_add (getter, "GVariant *", self);
      switch (field->type->kind)
        {
        case REPC_TYPE_STRING:
          returns = g_strdup_printf ("(transfer none): the string, valid as long as @%s is", self);
          break;
        case REPC_TYPE_STRV: returns = g_strdup ("(transfer full): the strings"); break;
        case REPC_TYPE_BYTES: returns = g_strdup ("(transfer full): the bytes"); break;
        case REPC_TYPE_VARIANT: returns = g_strdup ("(transfer full): the value"); break;
        case REPC_TYPE_VARIANT_MAP:
        case REPC_TYPE_LIST:
        case REPC_TYPE_POD:
          returns = g_strdup_printf ("(transfer full): the value, of type `%s`", container);
          break;
        default: returns = g_strdup ("the value"); break;
        }
      g_string_append_printf (out, "/**\n * %s:\n * @%s: a `%s`, of type %%%s_VARIANT_TYPE\n *\n"
                                   " * Reads the field `%s` of a `%s`.\n *\n * Returns: %s",
                              name, self, pod->name, pod->upper, field->name, pod->name, returns);
      g_string_append (out, "\n */\n");
      append_definition (out, ret, name, getter);
      g_string_append_printf (out, "{\n");

      switch (field->type->kind)
        {
        case REPC_TYPE_BOOL:
        case REPC_TYPE_INT:
        case REPC_TYPE_UINT:
        case REPC_TYPE_INT64:
        case REPC_TYPE_UINT64:
        case REPC_TYPE_DOUBLE:
        case REPC_TYPE_STRING:
        case REPC_TYPE_ENUM:
          g_string_append_printf (out, "  %s%svalue;\n\n",
                                  field->type->kind == REPC_TYPE_ENUM ? "gint" : ret,
                                  g_str_has_suffix (ret, "*") ? "" : " ");
          g_string_append_printf (out, "  g_return_val_if_fail (%s != NULL && g_variant_is_of_type (%s, %s_VARIANT_TYPE), %s);\n\n",
                                  self, self, pod->upper, repc_type_zero (field->type));
          g_string_append_printf (out, "  g_variant_get_child (%s, %u, \"%s\", &value);\n  return value;\n}\n\n",
                                  self, i, field->type->kind == REPC_TYPE_STRING ? "&s" : container);
          break;
        case REPC_TYPE_BYTES:
        case REPC_TYPE_STRV:
        case REPC_TYPE_VARIANT:
          g_string_append (out, "  g_autoptr(GVariant) child = NULL;\n\n");
          g_string_append_printf (out, "  g_return_val_if_fail (%s != NULL && g_variant_is_of_type (%s, %s_VARIANT_TYPE), NULL);\n\n",
                                  self, self, pod->upper);
          g_string_append_printf (out, "  child = g_variant_get_child_value (%s, %u);\n  return %s;\n}\n\n", self, i,
                                  field->type->kind == REPC_TYPE_BYTES ? "g_variant_get_data_as_bytes (child)"
                                  : field->type->kind == REPC_TYPE_STRV ? "g_variant_dup_strv (child, NULL)"
                                  : "g_variant_get_variant (child)");
          break;
        case REPC_TYPE_VARIANT_MAP:
        case REPC_TYPE_LIST:
        case REPC_TYPE_POD:
          g_string_append_printf (out, "  g_return_val_if_fail (%s != NULL && g_variant_is_of_type (%s, %s_VARIANT_TYPE), NULL);\n\n",
                                  self, self, pod->upper);
          g_string_append_printf (out, "  return g_variant_get_child_value (%s, %u);\n}\n\n", self, i);
          break;
        case REPC_TYPE_UNRESOLVED:
        case REPC_TYPE_VOID:
        default:
          g_assert_not_reached ();
        }
    }
}

/* The C source: the source class */

static const char *
mode_sentence (RepcProperty *prop)
{
  switch (prop->mode)
    {
    case RO_PROPERTY_MODE_READONLY:
      return "Replicas only read it; the source changes it with its setter.";
    case RO_PROPERTY_MODE_READPUSH:
      return "Replicas read it and may ask the source to change it with their push function.";
    case RO_PROPERTY_MODE_READWRITE:
      return "Replicas read it, and setting it on a replica asks the source to change it.";
    case RO_PROPERTY_MODE_CONSTANT:
      return "It is set when the source is constructed, and replicas read it.";
    default:
      g_assert_not_reached ();
    }
}

static void
doc_property (GString      *out,
              const char   *type_name,
              RepcProperty *prop)
{
  g_autofree char *declaration = rep_declaration (prop);

  g_autofree char *text = g_strdup_printf ("%s in the .rep file. %s", declaration, mode_sentence (prop));

  g_string_append_printf (out, "  /**\n   * %s:%s:\n   *\n", type_name, prop->gname);
  append_doc (out, "  ", text);
  if (prop->persisted)
    g_string_append (out, "   *\n   * PERSISTED: QtRO's persisted store is a replica-side feature that\n"
                          "   * ro-repc does not support yet; the property is otherwise as declared.\n");
  g_string_append (out, "   */\n");
}

static void
doc_params (GString      *out,
            RepcFunction *func,
            const char   *indent)
{
  for (guint i = 0; i < func->params->len; i++)
    {
      RepcParam *param = g_ptr_array_index (func->params, i);

      g_string_append_printf (out, "%s * @%s:%s `%s %s`\n", indent, param->c_name,
                              param->type->kind == REPC_TYPE_STRING || repc_type_is_variant (param->type) ||
                              param->type->kind == REPC_TYPE_BYTES || param->type->kind == REPC_TYPE_STRV
                                ? " (nullable):" : "",
                              param->type->spelling, param->name);
    }
}

static void
source_class (Gen       *g,
              GString   *out,
              RepcClass *klass)
{
  g_autofree char *source = g_strconcat (klass->name, "Source", NULL);
  g_autofree char *source_ptr = g_strconcat (source, " *", NULL);
  g_autofree char *props = g_strdup_printf ("%s_source_properties", klass->snake);
  g_autofree char *sigs = g_strdup_printf ("%s_source_signals", klass->snake);
  guint n_signals = klass->signals->len + klass->slots->len;
  gboolean has_owned = FALSE;
  gboolean has_writable = FALSE;
  gboolean has_defaults = FALSE;
  gboolean set_uses_priv = FALSE;

  for (guint i = 0; i < klass->properties->len; i++)
    {
      RepcProperty *prop = g_ptr_array_index (klass->properties, i);

      has_owned |= repc_type_is_owned (prop->type);
      has_writable |= prop->mode != RO_PROPERTY_MODE_READONLY;
      has_defaults |= initial_value (prop) != NULL && prop->mode != RO_PROPERTY_MODE_CONSTANT;
      set_uses_priv |= prop->mode == RO_PROPERTY_MODE_CONSTANT;
    }

  /* Overview, private data, type */
  {
    g_autofree char *text = g_strdup_printf (
      "The source side of the `%s` interface: share an instance with ro_host_enable_remoting(), "
      "and replicas elsewhere follow its properties and signals and call its slots.\n\n"
      "The slots are action signals whose class handlers are the virtual functions of #%sClass: "
      "subclass it and override them. A subclass must not add readable properties or signals, "
      "or replicas generated from the same .rep file see another interface.",
      klass->name, source);

    g_string_append_printf (out, "/**\n * %s:\n *\n", source);
    append_doc (out, "", text);
    g_string_append (out, " */\n\n");
  }

  if (klass->properties->len > 0)
    {
      g_string_append (out, "typedef struct\n{\n");
      for (guint i = 0; i < klass->properties->len; i++)
        {
          RepcProperty *prop = g_ptr_array_index (klass->properties, i);
          const char *type = repc_type_c_owned (prop->type);

          g_string_append_printf (out, "  %s%s%s;\n", type, g_str_has_suffix (type, "*") ? "" : " ", prop->c_name);
        }
      g_string_append_printf (out, "} %sPrivate;\n\n", source);
      g_string_append_printf (out, "G_DEFINE_TYPE_WITH_PRIVATE (%s, %s_source, G_TYPE_OBJECT)\n\n",
                              source, klass->snake);

      g_string_append_printf (out, "enum {\n  %s_SOURCE_PROP_0,\n", klass->upper);
      for (guint i = 0; i < klass->properties->len; i++)
        {
          RepcProperty *prop = g_ptr_array_index (klass->properties, i);

          g_string_append_printf (out, "  %s_SOURCE_PROP_%s,\n", klass->upper, prop->upper);
        }
      g_string_append_printf (out, "  %s_SOURCE_N_PROPS\n};\n\nstatic GParamSpec *%s[%s_SOURCE_N_PROPS];\n\n",
                              klass->upper, props, klass->upper);
    }
  else
    g_string_append_printf (out, "G_DEFINE_TYPE (%s, %s_source, G_TYPE_OBJECT)\n\n", source, klass->snake);

  if (n_signals > 0)
    {
      g_string_append (out, "enum {\n");
      for (guint l = 0; l < 2; l++)
        {
          GPtrArray *funcs = l == 0 ? klass->signals : klass->slots;

          for (guint i = 0; i < funcs->len; i++)
            {
              RepcFunction *func = g_ptr_array_index (funcs, i);

              g_string_append_printf (out, "  %s_SOURCE_SIGNAL_%s,\n", klass->upper, func->upper);
            }
        }
      g_string_append_printf (out, "  %s_SOURCE_N_SIGNALS\n};\n\nstatic guint %s[%s_SOURCE_N_SIGNALS];\n\n",
                              klass->upper, sigs, klass->upper);
    }

  /* get_property, set_property, finalize */
  if (klass->properties->len > 0)
    {
      g_string_append_printf (out, "static void\n%s_source_get_property (GObject    *object,\n", klass->snake);
      pad (out, strlen (klass->snake) + strlen ("_source_get_property ("));
      g_string_append (out, "guint       prop_id,\n");
      pad (out, strlen (klass->snake) + strlen ("_source_get_property ("));
      g_string_append (out, "GValue     *value,\n");
      pad (out, strlen (klass->snake) + strlen ("_source_get_property ("));
      g_string_append (out, "GParamSpec *pspec)\n");
      g_string_append_printf (out, "{\n  %sPrivate *priv = %s_source_get_instance_private (%s_SOURCE (object));\n\n"
                                   "  switch (prop_id)\n    {\n", source, klass->snake, klass->upper);
      for (guint i = 0; i < klass->properties->len; i++)
        {
          RepcProperty *prop = g_ptr_array_index (klass->properties, i);

          g_string_append_printf (out, "    case %s_SOURCE_PROP_%s:\n      %s (value, priv->%s);\n      break;\n",
                                  klass->upper, prop->upper, repc_type_value_setter (prop->type), prop->c_name);
        }
      g_string_append (out, "    default:\n      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);\n"
                            "    }\n}\n\n");
    }

  if (has_writable)
    {
      gsize indent = strlen (klass->snake) + strlen ("_source_set_property (");

      g_string_append_printf (out, "static void\n%s_source_set_property (GObject      *object,\n", klass->snake);
      pad (out, indent);
      g_string_append (out, "guint         prop_id,\n");
      pad (out, indent);
      g_string_append (out, "const GValue *value,\n");
      pad (out, indent);
      g_string_append (out, "GParamSpec   *pspec)\n{\n");
      g_string_append_printf (out, "  %s *self = %s_SOURCE (object);\n", source, klass->upper);
      if (set_uses_priv)
        g_string_append_printf (out, "  %sPrivate *priv = %s_source_get_instance_private (self);\n",
                                source, klass->snake);
      g_string_append (out, "\n  switch (prop_id)\n    {\n");
      for (guint i = 0; i < klass->properties->len; i++)
        {
          RepcProperty *prop = g_ptr_array_index (klass->properties, i);

          if (prop->mode == RO_PROPERTY_MODE_READONLY)
            continue;
          g_string_append_printf (out, "    case %s_SOURCE_PROP_%s:\n", klass->upper, prop->upper);
          if (prop->mode == RO_PROPERTY_MODE_CONSTANT)
            g_string_append_printf (out, "      priv->%s = %s (value);\n", prop->c_name,
                                    repc_type_value_dup (prop->type));
          else
            g_string_append_printf (out, "      %s_source_set_%s (self, %s (value));\n",
                                    klass->snake, prop->snake, repc_type_value_getter (prop->type));
          g_string_append (out, "      break;\n");
        }
      g_string_append (out, "    default:\n      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);\n"
                            "    }\n}\n\n");
    }

  if (has_owned)
    {
      g_string_append_printf (out, "static void\n%s_source_finalize (GObject *object)\n{\n"
                                   "  %sPrivate *priv = %s_source_get_instance_private (%s_SOURCE (object));\n\n",
                              klass->snake, source, klass->snake, klass->upper);
      for (guint i = 0; i < klass->properties->len; i++)
        {
          RepcProperty *prop = g_ptr_array_index (klass->properties, i);
          const char *free_func;

          switch (prop->type->kind)
            {
            case REPC_TYPE_STRING: free_func = "g_free"; break;
            case REPC_TYPE_STRV: free_func = "g_strfreev"; break;
            case REPC_TYPE_BYTES: free_func = "g_bytes_unref"; break;
            default: free_func = repc_type_is_variant (prop->type) ? "g_variant_unref" : NULL; break;
            }
          if (free_func != NULL)
            g_string_append_printf (out, "  g_clear_pointer (&priv->%s, %s);\n", prop->c_name, free_func);
        }
      g_string_append_printf (out, "\n  G_OBJECT_CLASS (%s_source_parent_class)->finalize (object);\n}\n\n",
                              klass->snake);
    }

  /* Default slot implementations */
  for (guint i = 0; i < klass->slots->len; i++)
    {
      RepcFunction *func = g_ptr_array_index (klass->slots, i);
      g_autoptr(GArray) params = cparams_new ();
      g_autofree char *name = g_strdup_printf ("%s_source_real_%s", klass->snake, func->snake);

      cparams_add (params, source_ptr, "self");
      for (guint j = 0; j < func->params->len; j++)
        {
          RepcParam *param = g_ptr_array_index (func->params, j);

          cparams_add_unused (params, repc_type_c_in (param->type), param->c_name, TRUE);
        }
      g_string_append (out, "static ");
      append_definition (out, repc_type_c_owned (func->result), name, params);
      g_string_append_printf (out, "{\n  g_warning (\"%%s does not implement the slot “%s” of %s\", G_OBJECT_TYPE_NAME (self));\n",
                              func->name, klass->name);
      if (func->result->kind != REPC_TYPE_VOID)
        g_string_append_printf (out, "  return %s;\n", repc_type_zero (func->result));
      g_string_append (out, "}\n\n");
    }

  /* class_init */
  g_string_append_printf (out, "static void\n%s_source_class_init (%sClass *klass%s)\n{\n", klass->snake, source,
                          klass->properties->len == 0 && n_signals == 0 ? " G_GNUC_UNUSED" : "");
  if (klass->properties->len > 0)
    {
      g_string_append (out, "  GObjectClass *object_class = G_OBJECT_CLASS (klass);\n\n");
      g_string_append_printf (out, "  object_class->get_property = %s_source_get_property;\n", klass->snake);
      if (has_writable)
        g_string_append_printf (out, "  object_class->set_property = %s_source_set_property;\n", klass->snake);
      if (has_owned)
        g_string_append_printf (out, "  object_class->finalize = %s_source_finalize;\n", klass->snake);
      if (n_signals > 0)
        g_string_append_c (out, '\n');
    }
  for (guint i = 0; i < klass->slots->len; i++)
    {
      RepcFunction *func = g_ptr_array_index (klass->slots, i);

      g_string_append_printf (out, "  klass->%s = %s_source_real_%s;\n", func->c_name, klass->snake, func->snake);
    }

  for (guint i = 0; i < klass->properties->len; i++)
    {
      RepcProperty *prop = g_ptr_array_index (klass->properties, i);
      const char *flags;
      g_autofree char *pspec = NULL;

      switch (prop->mode)
        {
        case RO_PROPERTY_MODE_READONLY:
          flags = "G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS";
          break;
        case RO_PROPERTY_MODE_CONSTANT:
          flags = "G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS";
          break;
        case RO_PROPERTY_MODE_READPUSH:
        case RO_PROPERTY_MODE_READWRITE:
        default:
          flags = "G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS";
          break;
        }
      pspec = pspec_for (prop->type, prop->gname, initial_value (prop), flags, 4);
      g_string_append_c (out, '\n');
      doc_property (out, source, prop);
      g_string_append_printf (out, "  %s[%s_SOURCE_PROP_%s] =\n    %s;\n", props, klass->upper, prop->upper, pspec);
    }
  if (klass->properties->len > 0)
    {
      g_string_append_printf (out, "  g_object_class_install_properties (object_class, %s_SOURCE_N_PROPS, %s);\n",
                              klass->upper, props);
      g_string_append (out, "\n  /* The mode is part of the signature: say it, rather than let the\n"
                            "   * flags imply it. */\n");
      for (guint i = 0; i < klass->properties->len; i++)
        {
          RepcProperty *prop = g_ptr_array_index (klass->properties, i);

          g_string_append_printf (out, "  ro_param_spec_set_property_mode (%s[%s_SOURCE_PROP_%s], RO_PROPERTY_MODE_%s);\n",
                                  props, klass->upper, prop->upper, mode_name (prop->mode));
        }
    }

  for (guint i = 0; i < klass->signals->len; i++)
    {
      RepcFunction *func = g_ptr_array_index (klass->signals, i);
      g_autofree char *types = gtype_list (func->params);

      g_string_append_printf (out, "\n  /**\n   * %s::%s:\n   * @self: the source\n", source, func->gname);
      doc_params (out, func, "  ");
      g_string_append_printf (out, "   *\n   * The signal `%s`: replicas emit it too when the source emits it,\n"
                                   "   * for example with %s_source_emit_%s().\n   */\n",
                              func->name, klass->snake, func->snake);
      g_string_append_printf (out, "  %s[%s_SOURCE_SIGNAL_%s] =\n"
                                   "    g_signal_new (\"%s\", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,\n"
                                   "                  0, NULL, NULL, NULL,\n"
                                   "                  G_TYPE_NONE, %s);\n",
                              sigs, klass->upper, func->upper, func->gname, types);
    }

  for (guint i = 0; i < klass->slots->len; i++)
    {
      RepcFunction *func = g_ptr_array_index (klass->slots, i);
      g_autofree char *types = gtype_list (func->params);
      g_autofree char *rtype = repc_type_gtype (func->result);

      g_string_append_printf (out, "\n  /**\n   * %s::%s:\n   * @self: the source\n", source, func->gname);
      doc_params (out, func, "  ");
      g_string_append_printf (out, "   *\n   * The slot `%s`: replicas call it with\n"
                                   "   * %s_replica_call_%s_async(). Its class handler is the\n"
                                   "   * virtual function #%sClass.%s().\n",
                              func->name, klass->snake, func->snake, source, func->c_name);
      if (func->result->kind != REPC_TYPE_VOID)
        g_string_append_printf (out, "   *\n   * Returns: %sthe `%s` the slot returns\n",
                                repc_type_is_owned (func->result) ? "(transfer full) (nullable): " : "",
                                func->result->spelling);
      g_string_append (out, "   */\n");
      g_string_append_printf (out, "  %s[%s_SOURCE_SIGNAL_%s] =\n"
                                   "    g_signal_new (\"%s\", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,\n"
                                   "                  G_STRUCT_OFFSET (%sClass, %s), NULL, NULL, NULL,\n"
                                   "                  %s, %s);\n",
                              sigs, klass->upper, func->upper, func->gname, source, func->c_name, rtype, types);
    }
  g_string_append (out, "}\n\n");

  /* init */
  g_string_append_printf (out, "static void\n%s_source_init (%s *self%s)\n{\n", klass->snake, source,
                          has_defaults ? "" : " G_GNUC_UNUSED");
  if (has_defaults)
    {
      g_string_append_printf (out, "  %sPrivate *priv = %s_source_get_instance_private (self);\n\n",
                              source, klass->snake);
      for (guint i = 0; i < klass->properties->len; i++)
        {
          RepcProperty *prop = g_ptr_array_index (klass->properties, i);

          if (initial_value (prop) == NULL || prop->mode == RO_PROPERTY_MODE_CONSTANT)
            continue;
          if (prop->type->kind == REPC_TYPE_STRING)
            g_string_append_printf (out, "  priv->%s = g_strdup (%s);\n", prop->c_name, prop->default_c);
          else
            g_string_append_printf (out, "  priv->%s = %s;\n", prop->c_name, initial_value (prop));
        }
    }
  g_string_append (out, "}\n\n");

  /* new */
  g_string_append_printf (out, "/**\n * %s_source_new:\n *\n"
                               " * Creates a #%s. Its slots warn that they are not implemented:\n"
                               " * share an instance of a subclass that implements them.\n *\n"
                               " * Returns: (transfer full): a new #%s\n */\n"
                               "%s\n%s_source_new (void)\n{\n  return g_object_new (%s_TYPE_SOURCE, NULL);\n}\n\n",
                          klass->snake, source, source, source_ptr, klass->snake, klass->upper);

  /* Getters and setters */
  for (guint i = 0; i < klass->properties->len; i++)
    {
      RepcProperty *prop = g_ptr_array_index (klass->properties, i);
      g_autoptr(GArray) getter = self_params (source);
      g_autofree char *get = g_strdup_printf ("%s_source_get_%s", klass->snake, prop->snake);
      const char *ret = repc_type_c_in (prop->type);

      g_string_append_printf (out, "/**\n * %s:\n * @self: a #%s\n *\n"
                                   " * Gets the value of #%s:%s.\n *\n * Returns: %s%s\n */\n",
                              get, source, source, prop->gname,
                              repc_type_is_owned (prop->type) ? "(transfer none) (nullable): " : "",
                              "the value");
      append_definition (out, ret, get, getter);
      g_string_append_printf (out, "{\n  %sPrivate *priv;\n\n  g_return_val_if_fail (%s_IS_SOURCE (self), %s);\n\n"
                                   "  priv = %s_source_get_instance_private (self);\n  return %spriv->%s;\n}\n\n",
                              source, klass->upper, repc_type_zero (prop->type), klass->snake,
                              prop->type->kind == REPC_TYPE_STRV ? "(const char * const *) " : "", prop->c_name);

      if (prop->mode == RO_PROPERTY_MODE_CONSTANT)
        continue;

      {
        g_autoptr(GArray) setter = self_params (source);
        g_autofree char *set = g_strdup_printf ("%s_source_set_%s", klass->snake, prop->snake);
        g_autofree char *variant_type = repc_type_is_variant (prop->type) && prop->type->kind != REPC_TYPE_VARIANT
                                          ? repc_type_container (prop->type) : NULL;
        g_autofree char *note = variant_type != NULL
                                  ? g_strdup_printf (", of type `%s`; a floating reference is sunk", variant_type)
                                  : g_strdup (repc_type_is_variant (prop->type) ? "; a floating reference is sunk" : "");
        const char *v = prop->c_name;

        cparams_add (setter, repc_type_c_in (prop->type), prop->c_name);
        g_string_append_printf (out, "/**\n * %s:\n * @self: a #%s\n * @%s:%s the new value%s\n *\n"
                                     " * Sets #%s:%s, and notifies only if the value\n"
                                     " * changed. Replicas receive the new value.\n */\n",
                                set, source, v,
                                repc_type_is_variant (prop->type) ? " (nullable) (transfer none):"
                                : repc_type_is_owned (prop->type) ? " (nullable):" : "",
                                note,
                                source, prop->gname);
        append_definition (out, "void", set, setter);
        g_string_append_c (out, '{');
        g_string_append_c (out, '\n');
        if (repc_type_is_variant (prop->type))
          g_string_append_printf (out, "  g_autoptr(GVariant) new_value = %s != NULL ? g_variant_ref_sink (%s) : NULL;\n", v, v);
        g_string_append_printf (out, "  %sPrivate *priv;\n\n  g_return_if_fail (%s_IS_SOURCE (self));\n", source, klass->upper);
        if (variant_type != NULL)
          g_string_append_printf (out, "  g_return_if_fail (new_value == NULL || g_variant_is_of_type (new_value, G_VARIANT_TYPE (\"%s\")));\n",
                                  variant_type);
        g_string_append_printf (out, "\n  priv = %s_source_get_instance_private (self);\n", klass->snake);

        switch (prop->type->kind)
          {
          case REPC_TYPE_BOOL:
            g_string_append_printf (out, "  %s = !!%s;\n  if (priv->%s == %s)\n    return;\n  priv->%s = %s;\n",
                                    v, v, prop->c_name, v, prop->c_name, v);
            break;
          case REPC_TYPE_STRING:
            g_string_append_printf (out, "  if (g_strcmp0 (priv->%s, %s) == 0)\n    return;\n"
                                         "  g_free (priv->%s);\n  priv->%s = g_strdup (%s);\n",
                                    prop->c_name, v, prop->c_name, prop->c_name, v);
            break;
          case REPC_TYPE_STRV:
            g->helpers |= HELPER_STRV_EQUAL;
            g_string_append_printf (out, "  if (repc_strv_equal ((const char * const *) priv->%s, %s))\n    return;\n"
                                         "  g_strfreev (priv->%s);\n  priv->%s = g_strdupv ((char **) %s);\n",
                                    prop->c_name, v, prop->c_name, prop->c_name, v);
            break;
          case REPC_TYPE_BYTES:
            g_string_append_printf (out, "  if (priv->%s == %s || (priv->%s != NULL && %s != NULL && g_bytes_equal (priv->%s, %s)))\n"
                                         "    return;\n"
                                         "  g_clear_pointer (&priv->%s, g_bytes_unref);\n"
                                         "  priv->%s = %s != NULL ? g_bytes_ref (%s) : NULL;\n",
                                    prop->c_name, v, prop->c_name, v, prop->c_name, v, prop->c_name,
                                    prop->c_name, v, v);
            break;
          case REPC_TYPE_VARIANT:
          case REPC_TYPE_VARIANT_MAP:
          case REPC_TYPE_LIST:
          case REPC_TYPE_POD:
            g_string_append_printf (out, "  if (priv->%s == new_value ||\n"
                                         "      (priv->%s != NULL && new_value != NULL && g_variant_equal (priv->%s, new_value)))\n"
                                         "    return;\n"
                                         "  g_clear_pointer (&priv->%s, g_variant_unref);\n"
                                         "  priv->%s = g_steal_pointer (&new_value);\n",
                                    prop->c_name, prop->c_name, prop->c_name, prop->c_name, prop->c_name);
            break;
          case REPC_TYPE_INT:
          case REPC_TYPE_UINT:
          case REPC_TYPE_INT64:
          case REPC_TYPE_UINT64:
          case REPC_TYPE_DOUBLE:
          case REPC_TYPE_ENUM:
            g_string_append_printf (out, "  if (priv->%s == %s)\n    return;\n  priv->%s = %s;\n",
                                    prop->c_name, v, prop->c_name, v);
            break;
          case REPC_TYPE_UNRESOLVED:
          case REPC_TYPE_VOID:
          default:
            g_assert_not_reached ();
          }
        g_string_append_printf (out, "  g_object_notify_by_pspec (G_OBJECT (self), %s[%s_SOURCE_PROP_%s]);\n}\n\n",
                                props, klass->upper, prop->upper);
      }
    }

  /* Emitters */
  for (guint i = 0; i < klass->signals->len; i++)
    {
      RepcFunction *func = g_ptr_array_index (klass->signals, i);
      g_autoptr(GArray) params = self_params (source);
      g_autofree char *name = g_strdup_printf ("%s_source_emit_%s", klass->snake, func->snake);

      add_params (params, func);
      g_string_append_printf (out, "/**\n * %s:\n * @self: a #%s\n", name, source);
      doc_params (out, func, "");
      g_string_append_printf (out, " *\n * Emits #%s::%s, which every replica emits too.\n */\n",
                              source, func->gname);
      append_definition (out, "void", name, params);
      g_string_append_printf (out, "{\n  g_return_if_fail (%s_IS_SOURCE (self));\n\n"
                                   "  g_signal_emit (self, %s[%s_SOURCE_SIGNAL_%s], 0",
                              klass->upper, sigs, klass->upper, func->upper);
      for (guint j = 0; j < func->params->len; j++)
        g_string_append_printf (out, ", %s", ((RepcParam *) g_ptr_array_index (func->params, j))->c_name);
      g_string_append (out, ");\n}\n\n");
    }
}

/* The C source: the replica class */

static void
replica_class (Gen             *g,
               GString         *out,
               RepcClass       *klass,
               RoInterfaceInfo *info)
{
  g_autofree char *replica = g_strconcat (klass->name, "Replica", NULL);
  g_autofree char *replica_ptr = g_strconcat (replica, " *", NULL);
  g_autofree char *props = g_strdup_printf ("%s_replica_properties", klass->snake);
  g_autofree char *description = ro_interface_info_to_string (info);
  g_auto(GStrv) lines = g_strsplit (description, "\n", -1);

  g->helpers |= HELPER_WARN_MISMATCH;

  g_string_append_printf (out, "/* The canonical text of the interface (see ro_interface_info_to_string()),\n"
                               " * one member a line; its SHA-256 is %s_INTERFACE_SIGNATURE. */\n"
                               "static const char * const %s_interface_lines[] = {\n",
                          klass->upper, klass->snake);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      g_string_append_printf (out, "  \"%s\",\n", lines[i]);
  g_string_append (out, "  NULL\n};\n\n");

  {
    g_autofree char *text = g_strdup_printf (
      "A replica of a source of the `%s` interface, such as a #%sSource in another process. "
      "Get one with %s_replica_acquire().\n\n"
      "It has the source's properties, kept up to date, and its signals, emitted when the "
      "source emits them; it calls the source's slots with the `call_` functions. Until the "
      "source's values arrive, the properties hold the defaults of the .rep file. When the "
      "source's interface differs, the replica goes to %%RO_REPLICA_STATE_SIGNATURE_MISMATCH "
      "and a warning lists what differs.",
      klass->name, klass->name, klass->snake);

    g_string_append_printf (out, "/**\n * %s:\n *\n", replica);
    append_doc (out, "", text);
    g_string_append (out, " */\n\n");
  }

  g_string_append_printf (out, "struct _%s\n{\n  RoReplica parent_instance;\n};\n\n"
                               "G_DEFINE_FINAL_TYPE (%s, %s_replica, RO_TYPE_REPLICA)\n\n",
                          replica, replica, klass->snake);

  if (klass->properties->len > 0)
    {
      g_string_append_printf (out, "enum {\n  %s_REPLICA_PROP_0,\n", klass->upper);
      for (guint i = 0; i < klass->properties->len; i++)
        {
          RepcProperty *prop = g_ptr_array_index (klass->properties, i);

          g_string_append_printf (out, "  %s_REPLICA_PROP_%s,\n", klass->upper, prop->upper);
        }
      g_string_append_printf (out, "  %s_REPLICA_N_PROPS\n};\n\nstatic GParamSpec *%s[%s_REPLICA_N_PROPS];\n\n",
                              klass->upper, props, klass->upper);
    }

  g_string_append_printf (out,
                          "static void\n%s_replica_state_changed (RoReplica      *replica,\n", klass->snake);
  pad (out, strlen (klass->snake) + strlen ("_replica_state_changed ("));
  g_string_append (out, "RoReplicaState  new_state,\n");
  pad (out, strlen (klass->snake) + strlen ("_replica_state_changed ("));
  g_string_append (out, "RoReplicaState  old_state)\n{\n");
  g_string_append_printf (out,
                          "  RoReplicaClass *parent_class = RO_REPLICA_CLASS (%s_replica_parent_class);\n\n"
                          "  if (new_state == RO_REPLICA_STATE_SIGNATURE_MISMATCH)\n"
                          "    repc_warn_mismatch (replica, %s_interface_lines);\n\n"
                          "  if (parent_class->state_changed != NULL)\n"
                          "    parent_class->state_changed (replica, new_state, old_state);\n}\n\n",
                          klass->snake, klass->snake);

  /* class_init: RoReplica gives every subclass its get_property and
   * set_property, which serve these properties by name. */
  g_string_append_printf (out, "static void\n%s_replica_class_init (%sClass *klass)\n{\n", klass->snake, replica);
  if (klass->properties->len > 0)
    g_string_append (out, "  GObjectClass *object_class = G_OBJECT_CLASS (klass);\n");
  g_string_append (out, "  RoReplicaClass *replica_class = RO_REPLICA_CLASS (klass);\n\n");
  g_string_append_printf (out, "  replica_class->state_changed = %s_replica_state_changed;\n"
                               "  ro_replica_class_set_signature (replica_class, %s_INTERFACE_SIGNATURE);\n",
                          klass->snake, klass->upper);

  for (guint i = 0; i < klass->properties->len; i++)
    {
      RepcProperty *prop = g_ptr_array_index (klass->properties, i);
      g_autofree char *pspec = NULL;
      g_autofree char *declaration = rep_declaration (prop);
      const char *flags = prop->mode == RO_PROPERTY_MODE_READWRITE
                            ? "G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS"
                            : "G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS";

      pspec = pspec_for (prop->type, prop->gname, initial_value (prop), flags, 4);
      {
        g_autofree char *how = NULL;
        g_autofree char *text = NULL;

        switch (prop->mode)
          {
          case RO_PROPERTY_MODE_READWRITE:
            how = g_strdup ("Setting it asks the source to change it: the value here changes "
                            "when the source's change comes back.");
            break;
          case RO_PROPERTY_MODE_READPUSH:
            how = g_strdup_printf ("Ask the source to change it with %s_replica_push_%s().",
                                   klass->snake, prop->snake);
            break;
          case RO_PROPERTY_MODE_READONLY:
          case RO_PROPERTY_MODE_CONSTANT:
          default:
            how = g_strdup ("Only the source changes it.");
            break;
          }
        text = g_strdup_printf ("The source's value of %s, or the default until the source's "
                                "values arrive. %s", declaration, how);
        g_string_append_printf (out, "\n  /**\n   * %s:%s:\n   *\n", replica, prop->gname);
        append_doc (out, "  ", text);
      }
      g_string_append_printf (out, "   */\n  %s[%s_REPLICA_PROP_%s] =\n    %s;\n", props, klass->upper, prop->upper, pspec);
    }
  if (klass->properties->len > 0)
    g_string_append_printf (out, "  g_object_class_install_properties (object_class, %s_REPLICA_N_PROPS, %s);\n",
                            klass->upper, props);

  for (guint i = 0; i < klass->signals->len; i++)
    {
      RepcFunction *func = g_ptr_array_index (klass->signals, i);
      g_autofree char *types = gtype_list (func->params);

      g_string_append_printf (out, "\n  /**\n   * %s::%s:\n   * @self: the replica\n", replica, func->gname);
      doc_params (out, func, "  ");
      g_string_append_printf (out, "   *\n   * Emitted when the source emits its signal `%s`.\n   */\n"
                                   "  g_signal_new (\"%s\", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,\n"
                                   "                0, NULL, NULL, NULL,\n"
                                   "                G_TYPE_NONE, %s);\n",
                              func->name, func->gname, types);
    }
  g_string_append (out, "}\n\n");

  g_string_append_printf (out, "static void\n%s_replica_init (%s *self G_GNUC_UNUSED)\n{\n}\n\n", klass->snake, replica);

  /* acquire, description */
  g_string_append_printf (out,
                          "/**\n * %s_replica_acquire:\n * @node: a #RoNode\n"
                          " * @name: (nullable): the name the source is shared under, or %%NULL for\n"
                          " *   “%s”\n *\n"
                          " * Acquires a replica of the source @name from @node, as\n"
                          " * ro_node_acquire() does: it is returned at once, and becomes valid\n"
                          " * when the source's values arrive.\n *\n"
                          " * Returns: (transfer full): the replica\n */\n",
                          klass->snake, klass->name);
  {
    g_autoptr(GArray) params = cparams_new ();
    g_autofree char *name = g_strdup_printf ("%s_replica_acquire", klass->snake);

    cparams_add (params, "RoNode *", "node");
    cparams_add (params, "const char *", "name");
    append_definition (out, replica_ptr, name, params);
  }
  g_string_append_printf (out, "{\n  g_return_val_if_fail (RO_IS_NODE (node), NULL);\n\n"
                               "  return %s_REPLICA (ro_node_acquire (node, %s_TYPE_REPLICA, name != NULL ? name : \"%s\"));\n}\n\n",
                          klass->upper, klass->upper, klass->name);

  g_string_append_printf (out,
                          "/**\n * %s_replica_dup_interface_description:\n *\n"
                          " * Gets the canonical text of the interface #%s was generated\n"
                          " * for, as ro_interface_info_to_string() gives it for a matching source.\n *\n"
                          " * Returns: (transfer full): the text\n */\n"
                          "char *\n%s_replica_dup_interface_description (void)\n{\n"
                          "  GString *text = g_string_new (NULL);\n\n"
                          "  for (guint i = 0; %s_interface_lines[i] != NULL; i++)\n"
                          "    g_string_append_printf (text, \"%%s\\n\", %s_interface_lines[i]);\n"
                          "  return g_string_free (text, FALSE);\n}\n\n",
                          klass->snake, replica, klass->snake, klass->snake, klass->snake);

  /* Getters, setters, pushes */
  for (guint i = 0; i < klass->properties->len; i++)
    {
      RepcProperty *prop = g_ptr_array_index (klass->properties, i);
      g_autoptr(GArray) getter = self_params (replica);
      gboolean owned = repc_type_is_owned (prop->type);
      g_autofree char *get = g_strdup_printf ("%s_replica_%s_%s", klass->snake, owned ? "dup" : "get", prop->snake);
      const char *ret = repc_type_c_owned (prop->type);

      g_string_append_printf (out, "/**\n * %s:\n * @self: a #%s\n *\n"
                                   " * Gets the source's value of #%s:%s.\n *\n * Returns: %sthe value\n */\n",
                              get, replica, replica, prop->gname,
                              owned ? "(transfer full) (nullable): " : "");
      append_definition (out, ret, get, getter);
      g_string_append_printf (out, "{\n  %s%svalue = %s;\n\n  g_return_val_if_fail (%s_IS_REPLICA (self), %s);\n\n"
                                   "  g_object_get (self, \"%s\", &value, NULL);\n  return value;\n}\n\n",
                              ret, g_str_has_suffix (ret, "*") ? "" : " ", repc_type_zero (prop->type),
                              klass->upper, repc_type_zero (prop->type), prop->gname);

      if (prop->mode == RO_PROPERTY_MODE_READWRITE)
        {
          g_autoptr(GArray) setter = self_params (replica);
          g_autofree char *set = g_strdup_printf ("%s_replica_set_%s", klass->snake, prop->snake);

          cparams_add (setter, repc_type_c_in (prop->type), prop->c_name);
          g_string_append_printf (out, "/**\n * %s:\n * @self: a #%s\n * @%s:%s the value to ask for\n *\n"
                                       " * Sets #%s:%s: asks the source to change it. The\n"
                                       " * replica's value changes when the source's change comes back.\n */\n",
                                  set, replica, prop->c_name,
                                  repc_type_is_variant (prop->type) ? " (nullable) (transfer none):"
                                  : owned ? " (nullable):" : "",
                                  replica, prop->gname);
          append_definition (out, "void", set, setter);
          g_string_append_printf (out, "{\n  g_return_if_fail (%s_IS_REPLICA (self));\n\n"
                                       "  g_object_set (self, \"%s\", %s, NULL);\n}\n\n",
                                  klass->upper, prop->gname, prop->c_name);
        }
      else if (prop->mode == RO_PROPERTY_MODE_READPUSH)
        {
          g_autoptr(GArray) pusher = self_params (replica);
          g_autofree char *push = g_strdup_printf ("%s_replica_push_%s", klass->snake, prop->snake);
          g_autofree char *expr = wire_expr (g, prop->type, prop->c_name);

          cparams_add (pusher, repc_type_c_in (prop->type), prop->c_name);
          g_string_append_printf (out, "/**\n * %s:\n * @self: a #%s\n * @%s:%s the value to ask for\n *\n"
                                       " * Asks the source to set #%s:%s to @%s (the\n"
                                       " * property is READPUSH: replicas cannot set it). The replica's value\n"
                                       " * changes when the source's change comes back.\n */\n",
                                  push, replica, prop->c_name,
                                  repc_type_is_variant (prop->type) ? " (nullable) (transfer none):"
                                  : owned ? " (nullable):" : "",
                                  replica, prop->gname, prop->c_name);
          append_definition (out, "void", push, pusher);
          g_string_append_printf (out, "{\n  g_return_if_fail (%s_IS_REPLICA (self));\n\n"
                                       "  ro_replica_push_value (RO_REPLICA (self), \"%s\", %s);\n}\n\n",
                                  klass->upper, prop->gname, expr);
        }
    }

  /* Calls */
  for (guint i = 0; i < klass->slots->len; i++)
    {
      RepcFunction *func = g_ptr_array_index (klass->slots, i);
      gboolean returns = func->result->kind != REPC_TYPE_VOID;
      const char *rtype = returns ? repc_type_c_owned (func->result) : NULL;
      g_autofree char *out_type = returns ? g_strdup_printf ("%s%s*", rtype, g_str_has_suffix (rtype, "*") ? "" : " ") : NULL;
      g_autofree char *args_fn = g_strdup_printf ("%s_replica_%s_args", klass->snake, func->snake);
      g_autofree char *result_fn = g_strdup_printf ("%s_replica_%s_result", klass->snake, func->snake);
      g_autofree char *args_call = NULL;
      g_autofree char *result_doc = NULL;
      g_autoptr(GString) call_args = g_string_new (NULL);

      for (guint j = 0; j < func->params->len; j++)
        g_string_append_printf (call_args, "%s%s", j > 0 ? ", " : "",
                                ((RepcParam *) g_ptr_array_index (func->params, j))->c_name);

      /* The arguments, built once for the async and sync calls. */
      if (func->params->len > 0)
        {
          g_autoptr(GArray) params = cparams_new ();

          add_params (params, func);
          g_string_append (out, "static ");
          append_definition (out, "GVariant *", args_fn, params);
          g_string_append (out, "{\n  GVariant *args[] = {\n");
          for (guint j = 0; j < func->params->len; j++)
            {
              RepcParam *param = g_ptr_array_index (func->params, j);
              g_autofree char *expr = wire_expr (g, param->type, param->c_name);

              g_string_append_printf (out, "    %s,\n", expr);
            }
          g_string_append (out, "  };\n\n  return g_variant_new_tuple (args, G_N_ELEMENTS (args));\n}\n\n");
          args_call = g_strdup_printf ("%s (%s)", args_fn, call_args->str);
        }
      else
        args_call = g_strdup ("NULL");

      if (returns)
        {
          g_autoptr(GArray) params = cparams_new ();
          g_autofree char *gtype = repc_type_gtype (func->result);

          g->helpers |= HELPER_UNPACK_REPLY;
          cparams_add (params, "GVariant *", "reply");
          cparams_add (params, out_type, "out_result");
          cparams_add (params, "GError **", "error");
          g_string_append (out, "static ");
          append_definition (out, "gboolean", result_fn, params);
          g_string_append_printf (out, "{\n  g_auto(GValue) value = G_VALUE_INIT;\n\n"
                                       "  g_value_init (&value, %s);\n"
                                       "  if (!repc_unpack_reply (reply, &value, error))\n    return FALSE;\n"
                                       "  if (out_result != NULL)\n    *out_result = %s (&value);\n"
                                       "  return TRUE;\n}\n\n",
                                  gtype, repc_type_value_dup (func->result));
          result_doc = g_strdup_printf (" * @out_result: (out) (optional)%s: return location for the `%s`\n"
                                        " *   the slot returns\n",
                                        repc_type_is_owned (func->result) ? " (transfer full) (nullable)" : "",
                                        func->result->spelling);
        }

      /* _async */
      {
        g_autoptr(GArray) params = self_params (replica);
        g_autofree char *name = g_strdup_printf ("%s_replica_call_%s_async", klass->snake, func->snake);

        add_params (params, func);
        cparams_add (params, "GCancellable *", "cancellable");
        cparams_add (params, "GAsyncReadyCallback", "callback");
        cparams_add (params, "gpointer", "user_data");
        g_string_append_printf (out, "/**\n * %s:\n * @self: a #%s\n", name, replica);
        doc_params (out, func, "");
        g_string_append_printf (out, " * @cancellable: (nullable): a #GCancellable\n"
                                     " * @callback: (scope async) (nullable): called with the reply; %%NULL\n"
                                     " *   calls the slot without asking for one\n"
                                     " * @user_data: (closure): data for @callback\n *\n"
                                     " * Calls the slot `%s` of the source. Finish with\n"
                                     " * %s_replica_call_%s_finish().\n */\n",
                                func->name, klass->snake, func->snake);
        append_definition (out, "void", name, params);
        g_string_append_printf (out, "{\n  g_return_if_fail (%s_IS_REPLICA (self));\n"
                                     "  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));\n\n"
                                     "  ro_replica_call_async (RO_REPLICA (self), \"%s\", %s,\n"
                                     "                         cancellable, callback, user_data);\n}\n\n",
                                klass->upper, func->gname, args_call);
      }

      /* _finish */
      {
        g_autoptr(GArray) params = self_params (replica);
        g_autofree char *name = g_strdup_printf ("%s_replica_call_%s_finish", klass->snake, func->snake);

        cparams_add (params, "GAsyncResult *", "result");
        if (returns)
          cparams_add (params, out_type, "out_result");
        cparams_add (params, "GError **", "error");
        g_string_append_printf (out, "/**\n * %s:\n * @self: a #%s\n"
                                     " * @result: the #GAsyncResult given to the callback\n%s"
                                     " * @error: return location for a #GError\n *\n"
                                     " * Finishes %s_replica_call_%s_async(). An error the\n"
                                     " * source's slot returned is %%RO_ERROR_REMOTE.\n *\n"
                                     " * Returns: %%TRUE if the slot replied, %%FALSE with @error set\n */\n",
                                name, replica, returns ? result_doc : "", klass->snake, func->snake);
        append_definition (out, "gboolean", name, params);
        g_string_append_printf (out, "{\n  g_autoptr(GVariant) reply = NULL;\n\n"
                                     "  g_return_val_if_fail (%s_IS_REPLICA (self), FALSE);\n"
                                     "  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);\n\n"
                                     "  reply = ro_replica_call_finish (RO_REPLICA (self), result, error);\n",
                                klass->upper);
        if (returns)
          g_string_append_printf (out, "  return reply != NULL && %s (reply, out_result, error);\n}\n\n", result_fn);
        else
          g_string_append (out, "  return reply != NULL;\n}\n\n");
      }

      /* _sync */
      {
        g_autoptr(GArray) params = self_params (replica);
        g_autofree char *name = g_strdup_printf ("%s_replica_call_%s_sync", klass->snake, func->snake);

        add_params (params, func);
        cparams_add (params, "int", "timeout_ms");
        cparams_add (params, "GCancellable *", "cancellable");
        if (returns)
          cparams_add (params, out_type, "out_result");
        cparams_add (params, "GError **", "error");
        g_string_append_printf (out, "/**\n * %s:\n * @self: a #%s\n", name, replica);
        doc_params (out, func, "");
        g_string_append_printf (out, " * @timeout_ms: how long to wait for the reply, or -1 for no limit\n"
                                     " * @cancellable: (nullable): a #GCancellable\n%s"
                                     " * @error: return location for a #GError\n *\n"
                                     " * Calls the slot `%s` of the source and waits for the reply,\n"
                                     " * running no other callback of the caller's main context meanwhile\n"
                                     " * (see ro_replica_call_sync()).\n *\n"
                                     " * Returns: %%TRUE if the slot replied, %%FALSE with @error set\n */\n",
                                returns ? result_doc : "", func->name);
        append_definition (out, "gboolean", name, params);
        g_string_append_printf (out, "{\n  g_autoptr(GVariant) reply = NULL;\n\n"
                                     "  g_return_val_if_fail (%s_IS_REPLICA (self), FALSE);\n"
                                     "  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);\n"
                                     "  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);\n\n"
                                     "  reply = ro_replica_call_sync (RO_REPLICA (self), \"%s\", %s,\n"
                                     "                                timeout_ms, cancellable, error);\n",
                                klass->upper, func->gname, args_call);
        if (returns)
          g_string_append_printf (out, "  return reply != NULL && %s (reply, out_result, error);\n}\n\n", result_fn);
        else
          g_string_append (out, "  return reply != NULL;\n}\n\n");
      }
    }
}

char *
repc_generate_source (RepcFile    *file,
                      const char  *rep_name,
                      const char  *header_name,
                      GError     **error)
{
  Gen g = { file, 0 };
  g_autoptr(GString) body = g_string_new (NULL);
  GString *out;

  for (guint i = 0; i < file->enums->len; i++)
    source_enum (body, g_ptr_array_index (file->enums, i));
  for (guint i = 0; i < file->classes->len; i++)
    {
      RepcClass *klass = g_ptr_array_index (file->classes, i);

      for (guint j = 0; j < klass->enums->len; j++)
        source_enum (body, g_ptr_array_index (klass->enums, j));
    }
  for (guint i = 0; i < file->pods->len; i++)
    source_pod (&g, body, g_ptr_array_index (file->pods, i));

  for (guint i = 0; i < file->classes->len; i++)
    {
      RepcClass *klass = g_ptr_array_index (file->classes, i);
      g_autoptr(RoInterfaceInfo) info = repc_class_build_info (klass, error);

      if (info == NULL)
        return NULL;
      source_class (&g, body, klass);
      replica_class (&g, body, klass, info);
    }

  out = g_string_new (NULL);
  g_string_append_printf (out, "/* Generated by ro-repc from %s: do not edit. */\n\n#include \"%s\"\n\n",
                          rep_name, header_name);
  source_helpers (out, g.helpers);
  g_string_append_len (out, body->str, body->len);

  /* One blank line at the end, not two. */
  while (out->len > 1 && out->str[out->len - 1] == '\n' && out->str[out->len - 2] == '\n')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}
