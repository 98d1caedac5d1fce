/* repc-types.c: how Qt types of a .rep file map to GLib types
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 *   .rep type      GType          C (in)                 wire  in a container
 *   bool           gboolean       gboolean               b     b
 *   int            gint           gint                   i     i
 *   uint           guint          guint                  u     u
 *   qint64         gint64         gint64                 x     x
 *   quint64        guint64        guint64                t     t
 *   double, float  gdouble        double                 d     d
 *   QString        gchararray     const char *           ms    s
 *   QByteArray     GBytes         GBytes *               ay    ay
 *   QStringList    GStrv          const char * const *   as    as
 *   QVariant       GVariant       GVariant *             mv    v
 *   QVariantMap    GVariant a{sv} GVariant *             mv    a{sv}
 *   QList<T>       GVariant aT    GVariant *             mv    aT
 *   an ENUM        its GEnum      its C enum             i     i
 *   a POD          GVariant (…)   GVariant *             mv    (…)
 *
 * The wire column is what ro_value_type_for_gtype() gives for the GType,
 * so it is what the interface signature holds.
 */

#include "config.h"

#include "repc.h"

RepcType *
repc_type_new (void)
{
  return g_new0 (RepcType, 1);
}

void
repc_type_free (RepcType *type)
{
  if (type == NULL)
    return;
  g_free (type->spelling);
  g_free (type->scope);
  g_free (type->name);
  repc_type_free (type->element);
  g_free (type);
}

const char *
repc_type_wire (RepcType *type)
{
  switch (type->kind)
    {
    case REPC_TYPE_BOOL: return "b";
    case REPC_TYPE_INT: return "i";
    case REPC_TYPE_UINT: return "u";
    case REPC_TYPE_INT64: return "x";
    case REPC_TYPE_UINT64: return "t";
    case REPC_TYPE_DOUBLE: return "d";
    case REPC_TYPE_STRING: return "ms";
    case REPC_TYPE_BYTES: return "ay";
    case REPC_TYPE_STRV: return "as";
    case REPC_TYPE_ENUM: return "i";
    case REPC_TYPE_VARIANT:
    case REPC_TYPE_VARIANT_MAP:
    case REPC_TYPE_LIST:
    case REPC_TYPE_POD:
      return "mv";
    case REPC_TYPE_UNRESOLVED:
    case REPC_TYPE_VOID:
    default:
      g_assert_not_reached ();
    }
}

char *
repc_type_container (RepcType *type)
{
  switch (type->kind)
    {
    case REPC_TYPE_STRING: return g_strdup ("s");
    case REPC_TYPE_VARIANT: return g_strdup ("v");
    case REPC_TYPE_VARIANT_MAP: return g_strdup ("a{sv}");
    case REPC_TYPE_LIST:
      {
        g_autofree char *element = repc_type_container (type->element);

        return g_strconcat ("a", element, NULL);
      }
    case REPC_TYPE_POD: return g_strdup (type->pod->type_string);
    case REPC_TYPE_BOOL:
    case REPC_TYPE_INT:
    case REPC_TYPE_UINT:
    case REPC_TYPE_INT64:
    case REPC_TYPE_UINT64:
    case REPC_TYPE_DOUBLE:
    case REPC_TYPE_BYTES:
    case REPC_TYPE_STRV:
    case REPC_TYPE_ENUM:
      return g_strdup (repc_type_wire (type));
    case REPC_TYPE_UNRESOLVED:
    case REPC_TYPE_VOID:
    default:
      g_assert_not_reached ();
    }
}

/* Values held as a GVariant by the GObject side. */
gboolean
repc_type_is_variant (RepcType *type)
{
  return type->kind == REPC_TYPE_VARIANT || type->kind == REPC_TYPE_VARIANT_MAP ||
         type->kind == REPC_TYPE_LIST || type->kind == REPC_TYPE_POD;
}

/* Values that need freeing. */
gboolean
repc_type_is_owned (RepcType *type)
{
  return type->kind == REPC_TYPE_STRING || type->kind == REPC_TYPE_BYTES ||
         type->kind == REPC_TYPE_STRV || repc_type_is_variant (type);
}

char *
repc_type_gtype (RepcType *type)
{
  switch (type->kind)
    {
    case REPC_TYPE_VOID: return g_strdup ("G_TYPE_NONE");
    case REPC_TYPE_BOOL: return g_strdup ("G_TYPE_BOOLEAN");
    case REPC_TYPE_INT: return g_strdup ("G_TYPE_INT");
    case REPC_TYPE_UINT: return g_strdup ("G_TYPE_UINT");
    case REPC_TYPE_INT64: return g_strdup ("G_TYPE_INT64");
    case REPC_TYPE_UINT64: return g_strdup ("G_TYPE_UINT64");
    case REPC_TYPE_DOUBLE: return g_strdup ("G_TYPE_DOUBLE");
    case REPC_TYPE_STRING: return g_strdup ("G_TYPE_STRING");
    case REPC_TYPE_BYTES: return g_strdup ("G_TYPE_BYTES");
    case REPC_TYPE_STRV: return g_strdup ("G_TYPE_STRV");
    case REPC_TYPE_ENUM: return g_strdup (type->enumeration->type_macro);
    case REPC_TYPE_VARIANT:
    case REPC_TYPE_VARIANT_MAP:
    case REPC_TYPE_LIST:
    case REPC_TYPE_POD:
      return g_strdup ("G_TYPE_VARIANT");
    case REPC_TYPE_UNRESOLVED:
    default:
      g_assert_not_reached ();
    }
}

/* The C type of an argument. */
const char *
repc_type_c_in (RepcType *type)
{
  switch (type->kind)
    {
    case REPC_TYPE_VOID: return "void";
    case REPC_TYPE_BOOL: return "gboolean";
    case REPC_TYPE_INT: return "gint";
    case REPC_TYPE_UINT: return "guint";
    case REPC_TYPE_INT64: return "gint64";
    case REPC_TYPE_UINT64: return "guint64";
    case REPC_TYPE_DOUBLE: return "double";
    case REPC_TYPE_STRING: return "const char *";
    case REPC_TYPE_BYTES: return "GBytes *";
    case REPC_TYPE_STRV: return "const char * const *";
    case REPC_TYPE_ENUM: return type->enumeration->type_name;
    case REPC_TYPE_VARIANT:
    case REPC_TYPE_VARIANT_MAP:
    case REPC_TYPE_LIST:
    case REPC_TYPE_POD:
      return "GVariant *";
    case REPC_TYPE_UNRESOLVED:
    default:
      g_assert_not_reached ();
    }
}

/* The C type of a value the caller owns (a return value, a field). */
const char *
repc_type_c_owned (RepcType *type)
{
  switch (type->kind)
    {
    case REPC_TYPE_STRING: return "char *";
    case REPC_TYPE_STRV: return "char **";
    default: return repc_type_c_in (type);
    }
}

const char *
repc_type_value_getter (RepcType *type)
{
  switch (type->kind)
    {
    case REPC_TYPE_BOOL: return "g_value_get_boolean";
    case REPC_TYPE_INT: return "g_value_get_int";
    case REPC_TYPE_UINT: return "g_value_get_uint";
    case REPC_TYPE_INT64: return "g_value_get_int64";
    case REPC_TYPE_UINT64: return "g_value_get_uint64";
    case REPC_TYPE_DOUBLE: return "g_value_get_double";
    case REPC_TYPE_STRING: return "g_value_get_string";
    case REPC_TYPE_BYTES:
    case REPC_TYPE_STRV:
      return "g_value_get_boxed";
    case REPC_TYPE_ENUM: return "g_value_get_enum";
    case REPC_TYPE_VARIANT:
    case REPC_TYPE_VARIANT_MAP:
    case REPC_TYPE_LIST:
    case REPC_TYPE_POD:
      return "g_value_get_variant";
    case REPC_TYPE_UNRESOLVED:
    case REPC_TYPE_VOID:
    default:
      g_assert_not_reached ();
    }
}

/* Like repc_type_value_getter(), but the caller owns the result. */
const char *
repc_type_value_dup (RepcType *type)
{
  switch (type->kind)
    {
    case REPC_TYPE_STRING: return "g_value_dup_string";
    case REPC_TYPE_BYTES:
    case REPC_TYPE_STRV:
      return "g_value_dup_boxed";
    case REPC_TYPE_VARIANT:
    case REPC_TYPE_VARIANT_MAP:
    case REPC_TYPE_LIST:
    case REPC_TYPE_POD:
      return "g_value_dup_variant";
    default:
      return repc_type_value_getter (type);
    }
}

const char *
repc_type_value_setter (RepcType *type)
{
  switch (type->kind)
    {
    case REPC_TYPE_BOOL: return "g_value_set_boolean";
    case REPC_TYPE_INT: return "g_value_set_int";
    case REPC_TYPE_UINT: return "g_value_set_uint";
    case REPC_TYPE_INT64: return "g_value_set_int64";
    case REPC_TYPE_UINT64: return "g_value_set_uint64";
    case REPC_TYPE_DOUBLE: return "g_value_set_double";
    case REPC_TYPE_STRING: return "g_value_set_string";
    case REPC_TYPE_BYTES:
    case REPC_TYPE_STRV:
      return "g_value_set_boxed";
    case REPC_TYPE_ENUM: return "g_value_set_enum";
    case REPC_TYPE_VARIANT:
    case REPC_TYPE_VARIANT_MAP:
    case REPC_TYPE_LIST:
    case REPC_TYPE_POD:
      return "g_value_set_variant";
    case REPC_TYPE_UNRESOLVED:
    case REPC_TYPE_VOID:
    default:
      g_assert_not_reached ();
    }
}

/* What a function returns when a precondition fails. */
const char *
repc_type_zero (RepcType *type)
{
  switch (type->kind)
    {
    case REPC_TYPE_BOOL: return "FALSE";
    case REPC_TYPE_INT:
    case REPC_TYPE_UINT:
    case REPC_TYPE_INT64:
    case REPC_TYPE_UINT64:
    case REPC_TYPE_DOUBLE:
    case REPC_TYPE_ENUM:
      return "0";
    case REPC_TYPE_STRING:
    case REPC_TYPE_BYTES:
    case REPC_TYPE_STRV:
    case REPC_TYPE_VARIANT:
    case REPC_TYPE_VARIANT_MAP:
    case REPC_TYPE_LIST:
    case REPC_TYPE_POD:
      return "NULL";
    case REPC_TYPE_UNRESOLVED:
    case REPC_TYPE_VOID:
    default:
      g_assert_not_reached ();
    }
}
