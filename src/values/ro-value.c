/* ro-value.c: how GObject values travel as GVariant
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>

#include "ro-value-private.h"

/*
 * The mapping is fixed, because both ends derive interface signatures from it:
 *
 *   gboolean b   gchar n   guchar y   gint i   guint u   glong/gint64 x
 *   gulong/guint64 t   gfloat/gdouble d   gchararray ms (nullable)
 *   GStrv as   GVariant mv (nullable)   GBytes ay   enums i   flags u
 *
 * GVariant has no signed byte, so gchar travels as int16 and is range-checked
 * on the way back.
 */

/**
 * ro_value_type_for_gtype:
 * @gtype: a #GType
 * @error: return location for a #GError
 *
 * Finds the GVariant type that values of @gtype travel as. Types that cannot
 * be remoted (objects, pointers, other boxed types) give
 * %RO_ERROR_INVALID_ARGUMENTS with a message that names the type.
 *
 * Returns: (transfer none) (nullable): the wire type, or %NULL on error
 */
const GVariantType *
ro_value_type_for_gtype (GType    gtype,
                         GError **error)
{
  switch (G_TYPE_FUNDAMENTAL (gtype))
    {
    case G_TYPE_BOOLEAN:
      return G_VARIANT_TYPE_BOOLEAN;
    case G_TYPE_CHAR:
      return G_VARIANT_TYPE_INT16;
    case G_TYPE_UCHAR:
      return G_VARIANT_TYPE_BYTE;
    case G_TYPE_INT:
    case G_TYPE_ENUM:
      return G_VARIANT_TYPE_INT32;
    case G_TYPE_UINT:
    case G_TYPE_FLAGS:
      return G_VARIANT_TYPE_UINT32;
    case G_TYPE_LONG:
    case G_TYPE_INT64:
      return G_VARIANT_TYPE_INT64;
    case G_TYPE_ULONG:
    case G_TYPE_UINT64:
      return G_VARIANT_TYPE_UINT64;
    case G_TYPE_FLOAT:
    case G_TYPE_DOUBLE:
      return G_VARIANT_TYPE_DOUBLE;
    case G_TYPE_STRING:
      return G_VARIANT_TYPE ("ms");
    case G_TYPE_VARIANT:
      return G_VARIANT_TYPE ("mv");
    case G_TYPE_BOXED:
      if (gtype == G_TYPE_STRV)
        return G_VARIANT_TYPE_STRING_ARRAY;
      if (gtype == G_TYPE_BYTES)
        return G_VARIANT_TYPE_BYTESTRING;
      break;
    default:
      break;
    }

  g_set_error (error, RO_ERROR, RO_ERROR_INVALID_ARGUMENTS,
               "Values of type “%s” cannot be remoted", g_type_name (gtype));
  return NULL;
}

/* The inverse mapping, used to build run-time replica types. Enums and flags
 * come back as plain integers; types with no GObject twin stay GVariant. */
GType
ro_gtype_for_value_type (const GVariantType *type)
{
  switch (g_variant_type_peek_string (type)[0])
    {
    case 'b': return G_TYPE_BOOLEAN;
    case 'y': return G_TYPE_UCHAR;
    case 'n':
    case 'i': return G_TYPE_INT;
    case 'q':
    case 'u': return G_TYPE_UINT;
    case 'x': return G_TYPE_INT64;
    case 't': return G_TYPE_UINT64;
    case 'd': return G_TYPE_DOUBLE;
    case 's':
    case 'o':
    case 'g': return G_TYPE_STRING;
    default: break;
    }

  if (g_variant_type_equal (type, G_VARIANT_TYPE ("ms")))
    return G_TYPE_STRING;
  if (g_variant_type_equal (type, G_VARIANT_TYPE_STRING_ARRAY))
    return G_TYPE_STRV;
  if (g_variant_type_equal (type, G_VARIANT_TYPE_BYTESTRING))
    return G_TYPE_BYTES;
  return G_TYPE_VARIANT;
}

/**
 * ro_value_to_variant:
 * @value: a #GValue holding a value of a type that can be remoted
 * @error: return location for a #GError
 *
 * Converts @value to the GVariant it travels as (see
 * [func@Ro.value_type_for_gtype]).
 *
 * Returns: (transfer full) (nullable): a new non-floating #GVariant, or %NULL
 *   with %RO_ERROR_INVALID_ARGUMENTS when the type cannot be remoted
 */
GVariant *
ro_value_to_variant (const GValue  *value,
                     GError       **error)
{
  GType gtype;
  GVariant *v = NULL;

  g_return_val_if_fail (G_IS_VALUE (value), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  gtype = G_VALUE_TYPE (value);

  switch (G_TYPE_FUNDAMENTAL (gtype))
    {
    case G_TYPE_BOOLEAN:
      v = g_variant_new_boolean (g_value_get_boolean (value));
      break;
    case G_TYPE_CHAR:
      v = g_variant_new_int16 (g_value_get_schar (value));
      break;
    case G_TYPE_UCHAR:
      v = g_variant_new_byte (g_value_get_uchar (value));
      break;
    case G_TYPE_INT:
      v = g_variant_new_int32 (g_value_get_int (value));
      break;
    case G_TYPE_ENUM:
      v = g_variant_new_int32 (g_value_get_enum (value));
      break;
    case G_TYPE_UINT:
      v = g_variant_new_uint32 (g_value_get_uint (value));
      break;
    case G_TYPE_FLAGS:
      v = g_variant_new_uint32 (g_value_get_flags (value));
      break;
    case G_TYPE_LONG:
      v = g_variant_new_int64 (g_value_get_long (value));
      break;
    case G_TYPE_INT64:
      v = g_variant_new_int64 (g_value_get_int64 (value));
      break;
    case G_TYPE_ULONG:
      v = g_variant_new_uint64 (g_value_get_ulong (value));
      break;
    case G_TYPE_UINT64:
      v = g_variant_new_uint64 (g_value_get_uint64 (value));
      break;
    case G_TYPE_FLOAT:
      v = g_variant_new_double (g_value_get_float (value));
      break;
    case G_TYPE_DOUBLE:
      v = g_variant_new_double (g_value_get_double (value));
      break;
    case G_TYPE_STRING:
      {
        const char *s = g_value_get_string (value);

        if (s != NULL && !g_utf8_validate (s, -1, NULL))
          {
            g_set_error_literal (error, RO_ERROR, RO_ERROR_INVALID_ARGUMENTS,
                                 "String value is not valid UTF-8");
            return NULL;
          }
        v = g_variant_new_maybe (G_VARIANT_TYPE_STRING,
                                 s != NULL ? g_variant_new_string (s) : NULL);
      }
      break;
    case G_TYPE_VARIANT:
      {
        GVariant *inner = g_value_get_variant (value);

        v = g_variant_new_maybe (G_VARIANT_TYPE_VARIANT,
                                 inner != NULL ? g_variant_new_variant (inner) : NULL);
      }
      break;
    case G_TYPE_BOXED:
      if (gtype == G_TYPE_STRV)
        {
          const char * const *strv = g_value_get_boxed (value);

          for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
            if (!g_utf8_validate (strv[i], -1, NULL))
              {
                g_set_error (error, RO_ERROR, RO_ERROR_INVALID_ARGUMENTS,
                             "String %u of the string array is not valid UTF-8", i);
                return NULL;
              }
          v = g_variant_new_strv (strv, strv != NULL ? -1 : 0);
        }
      else if (gtype == G_TYPE_BYTES)
        {
          GBytes *bytes = g_value_get_boxed (value);
          gsize size = 0;
          gconstpointer data = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;

          v = g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, data, size, 1);
        }
      break;
    default:
      break;
    }

  if (v == NULL)
    {
      /* Reports the error in one place, with the type's name. */
      ro_value_type_for_gtype (gtype, error);
      return NULL;
    }

  return g_variant_ref_sink (v);
}

static gboolean
read_integer (GVariant *variant,
              gint64   *signed_out,
              guint64  *unsigned_out,
              gboolean *is_unsigned)
{
  *is_unsigned = FALSE;

  switch (g_variant_classify (variant))
    {
    case G_VARIANT_CLASS_BYTE:
      *signed_out = g_variant_get_byte (variant);
      return TRUE;
    case G_VARIANT_CLASS_INT16:
      *signed_out = g_variant_get_int16 (variant);
      return TRUE;
    case G_VARIANT_CLASS_UINT16:
      *signed_out = g_variant_get_uint16 (variant);
      return TRUE;
    case G_VARIANT_CLASS_INT32:
      *signed_out = g_variant_get_int32 (variant);
      return TRUE;
    case G_VARIANT_CLASS_UINT32:
      *signed_out = g_variant_get_uint32 (variant);
      return TRUE;
    case G_VARIANT_CLASS_INT64:
      *signed_out = g_variant_get_int64 (variant);
      return TRUE;
    case G_VARIANT_CLASS_UINT64:
      *unsigned_out = g_variant_get_uint64 (variant);
      *is_unsigned = TRUE;
      return TRUE;
    default:
      return FALSE;
    }
}

/* Integers are accepted from any integer variant whose value fits, so that
 * a run-time replica's gint property can hold a source's gchar (int16). */
static gboolean
integer_from_variant (GVariant *variant,
                      gint64    min,
                      guint64   max,
                      gint64   *signed_out,
                      guint64  *unsigned_out,
                      GType     gtype,
                      GError  **error)
{
  gint64 s = 0;
  guint64 u = 0;
  gboolean is_unsigned;

  if (!read_integer (variant, &s, &u, &is_unsigned))
    {
      g_set_error (error, RO_ERROR, RO_ERROR_INVALID_ARGUMENTS,
                   "Expected an integer for a value of type “%s”, got “%s”",
                   g_type_name (gtype), g_variant_get_type_string (variant));
      return FALSE;
    }

  if (is_unsigned ? u > max : (s < min || (s >= 0 && (guint64) s > max)))
    {
      if (is_unsigned)
        g_set_error (error, RO_ERROR, RO_ERROR_INVALID_ARGUMENTS,
                     "%" G_GUINT64_FORMAT " is out of range for type “%s”",
                     u, g_type_name (gtype));
      else
        g_set_error (error, RO_ERROR, RO_ERROR_INVALID_ARGUMENTS,
                     "%" G_GINT64_FORMAT " is out of range for type “%s”",
                     s, g_type_name (gtype));
      return FALSE;
    }

  *signed_out = is_unsigned ? (gint64) u : s;
  *unsigned_out = is_unsigned ? u : (guint64) s;
  return TRUE;
}

static gboolean
expect_type (GVariant           *variant,
             const GVariantType *type,
             GType               gtype,
             GError            **error)
{
  if (g_variant_is_of_type (variant, type))
    return TRUE;

  g_set_error (error, RO_ERROR, RO_ERROR_INVALID_ARGUMENTS,
               "Expected a value of type “%.*s” for “%s”, got “%s”",
               (int) g_variant_type_get_string_length (type),
               g_variant_type_peek_string (type),
               g_type_name (gtype), g_variant_get_type_string (variant));
  return FALSE;
}

/**
 * ro_value_from_variant:
 * @variant: a #GVariant
 * @value: a #GValue initialized to the type wanted
 * @error: return location for a #GError
 *
 * Stores @variant in @value, checking its type and range against the type
 * of @value. Integers are accepted from any integer type whose value fits;
 * enum and flags values must be members of their type; a plain `s` or `v`
 * is accepted where `ms` or `mv` is expected.
 *
 * ```c
 * g_auto(GValue) value = G_VALUE_INIT;
 *
 * g_value_init (&value, G_TYPE_INT);
 * if (!ro_value_from_variant (variant, &value, &error))
 *   return FALSE;
 * ```
 *
 * @value is filled in place: bindings pass a `GObject.Value` that they
 * initialized to the type wanted, as in Python:
 *
 * ```python
 * value = GObject.Value(GObject.TYPE_INT)
 * Ro.value_from_variant(GLib.Variant('i', 42), value)
 * ```
 *
 * Returns: %TRUE on success; %FALSE with %RO_ERROR_INVALID_ARGUMENTS
 *   otherwise, leaving @value unchanged
 */
gboolean
ro_value_from_variant (GVariant  *variant,
                       GValue    *value,
                       GError   **error)
{
  GType gtype;
  gint64 s;
  guint64 u;

  g_return_val_if_fail (variant != NULL, FALSE);
  g_return_val_if_fail (G_IS_VALUE (value), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  gtype = G_VALUE_TYPE (value);

  switch (G_TYPE_FUNDAMENTAL (gtype))
    {
    case G_TYPE_BOOLEAN:
      if (!expect_type (variant, G_VARIANT_TYPE_BOOLEAN, gtype, error))
        return FALSE;
      g_value_set_boolean (value, g_variant_get_boolean (variant));
      return TRUE;
    case G_TYPE_CHAR:
      if (!integer_from_variant (variant, G_MININT8, G_MAXINT8, &s, &u, gtype, error))
        return FALSE;
      g_value_set_schar (value, (gint8) s);
      return TRUE;
    case G_TYPE_UCHAR:
      if (!integer_from_variant (variant, 0, G_MAXUINT8, &s, &u, gtype, error))
        return FALSE;
      g_value_set_uchar (value, (guchar) u);
      return TRUE;
    case G_TYPE_INT:
      if (!integer_from_variant (variant, G_MININT32, G_MAXINT32, &s, &u, gtype, error))
        return FALSE;
      g_value_set_int (value, (gint) s);
      return TRUE;
    case G_TYPE_UINT:
      if (!integer_from_variant (variant, 0, G_MAXUINT32, &s, &u, gtype, error))
        return FALSE;
      g_value_set_uint (value, (guint) u);
      return TRUE;
    case G_TYPE_LONG:
      if (!integer_from_variant (variant, G_MINLONG, G_MAXLONG, &s, &u, gtype, error))
        return FALSE;
      g_value_set_long (value, (glong) s);
      return TRUE;
    case G_TYPE_ULONG:
      if (!integer_from_variant (variant, 0, G_MAXULONG, &s, &u, gtype, error))
        return FALSE;
      g_value_set_ulong (value, (gulong) u);
      return TRUE;
    case G_TYPE_INT64:
      if (!integer_from_variant (variant, G_MININT64, G_MAXINT64, &s, &u, gtype, error))
        return FALSE;
      g_value_set_int64 (value, s);
      return TRUE;
    case G_TYPE_UINT64:
      if (!integer_from_variant (variant, 0, G_MAXUINT64, &s, &u, gtype, error))
        return FALSE;
      g_value_set_uint64 (value, u);
      return TRUE;
    case G_TYPE_ENUM:
      {
        g_autoptr(GEnumClass) klass = NULL;

        if (!integer_from_variant (variant, G_MININT32, G_MAXINT32, &s, &u, gtype, error))
          return FALSE;
        klass = g_type_class_ref (gtype);
        if (g_enum_get_value (klass, (gint) s) == NULL)
          {
            g_set_error (error, RO_ERROR, RO_ERROR_INVALID_ARGUMENTS,
                         "%" G_GINT64_FORMAT " is not a value of enumeration “%s”",
                         s, g_type_name (gtype));
            return FALSE;
          }
        g_value_set_enum (value, (gint) s);
        return TRUE;
      }
    case G_TYPE_FLAGS:
      {
        g_autoptr(GFlagsClass) klass = NULL;

        if (!integer_from_variant (variant, 0, G_MAXUINT32, &s, &u, gtype, error))
          return FALSE;
        klass = g_type_class_ref (gtype);
        if ((u & ~(guint64) klass->mask) != 0)
          {
            g_set_error (error, RO_ERROR, RO_ERROR_INVALID_ARGUMENTS,
                         "0x%" G_GINT64_MODIFIER "x has bits that are not flags of “%s”",
                         u, g_type_name (gtype));
            return FALSE;
          }
        g_value_set_flags (value, (guint) u);
        return TRUE;
      }
    case G_TYPE_FLOAT:
    case G_TYPE_DOUBLE:
      if (!expect_type (variant, G_VARIANT_TYPE_DOUBLE, gtype, error))
        return FALSE;
      if (G_TYPE_FUNDAMENTAL (gtype) == G_TYPE_FLOAT)
        g_value_set_float (value, (float) g_variant_get_double (variant));
      else
        g_value_set_double (value, g_variant_get_double (variant));
      return TRUE;
    case G_TYPE_STRING:
      if (g_variant_is_of_type (variant, G_VARIANT_TYPE_STRING) ||
          g_variant_is_of_type (variant, G_VARIANT_TYPE_OBJECT_PATH) ||
          g_variant_is_of_type (variant, G_VARIANT_TYPE_SIGNATURE))
        {
          g_value_set_string (value, g_variant_get_string (variant, NULL));
          return TRUE;
        }
      if (!expect_type (variant, G_VARIANT_TYPE ("ms"), gtype, error))
        return FALSE;
      {
        g_autoptr(GVariant) inner = g_variant_get_maybe (variant);

        g_value_set_string (value, inner != NULL ? g_variant_get_string (inner, NULL) : NULL);
      }
      return TRUE;
    case G_TYPE_VARIANT:
      /* A GVariant-typed value takes whatever it is given; the nullable
       * wire form is unwrapped. */
      if (g_variant_is_of_type (variant, G_VARIANT_TYPE ("mv")))
        {
          g_autoptr(GVariant) maybe = g_variant_get_maybe (variant);
          g_autoptr(GVariant) inner = maybe != NULL ? g_variant_get_variant (maybe) : NULL;

          g_value_set_variant (value, inner);
        }
      else if (g_variant_is_of_type (variant, G_VARIANT_TYPE_VARIANT))
        {
          g_autoptr(GVariant) inner = g_variant_get_variant (variant);

          g_value_set_variant (value, inner);
        }
      else
        g_value_set_variant (value, variant);
      return TRUE;
    case G_TYPE_BOXED:
      if (gtype == G_TYPE_STRV)
        {
          if (!expect_type (variant, G_VARIANT_TYPE_STRING_ARRAY, gtype, error))
            return FALSE;
          g_value_take_boxed (value, g_variant_dup_strv (variant, NULL));
          return TRUE;
        }
      if (gtype == G_TYPE_BYTES)
        {
          if (!expect_type (variant, G_VARIANT_TYPE_BYTESTRING, gtype, error))
            return FALSE;
          g_value_take_boxed (value, g_variant_get_data_as_bytes (variant));
          return TRUE;
        }
      break;
    default:
      break;
    }

  ro_value_type_for_gtype (gtype, error);
  return FALSE;
}

/**
 * ro_variant_coerce:
 * @value: a value as a caller gave it
 * @expected: the type an interface wants
 *
 * Accepts @value for @expected when the types are equal, or when @expected is
 * a maybe type and @value has its element type (so callers may pass `s` for a
 * nullable string), recursively through tuples.
 *
 * Returns: (transfer full) (nullable): a non-floating value of type
 *   @expected, or %NULL if @value does not fit
 */
GVariant *
ro_variant_coerce (GVariant           *value,
                   const GVariantType *expected)
{
  const GVariantType *type = g_variant_get_type (value);

  if (g_variant_type_equal (type, expected))
    return g_variant_ref_sink (value);

  if (g_variant_type_is_maybe (expected) &&
      g_variant_type_equal (type, g_variant_type_element (expected)))
    return g_variant_ref_sink (g_variant_new_maybe (NULL, value));

  if (g_variant_type_is_tuple (expected) && g_variant_type_is_tuple (type) &&
      g_variant_type_n_items (expected) == g_variant_n_children (value))
    {
      g_autoptr(GPtrArray) children = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
      const GVariantType *item = g_variant_type_first (expected);

      for (gsize i = 0; item != NULL; i++, item = g_variant_type_next (item))
        {
          g_autoptr(GVariant) child = g_variant_get_child_value (value, i);
          GVariant *coerced = ro_variant_coerce (child, item);

          if (coerced == NULL)
            return NULL;
          g_ptr_array_add (children, coerced);
        }
      return g_variant_ref_sink (g_variant_new_tuple ((GVariant **) children->pdata, children->len));
    }

  return NULL;
}

/* Signal arguments travel as one tuple. */
GVariant *
ro_values_to_tuple (const GValue  *values,
                    guint          n_values,
                    GError       **error)
{
  g_autoptr(GPtrArray) children = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);

  for (guint i = 0; i < n_values; i++)
    {
      GVariant *child = ro_value_to_variant (&values[i], error);

      if (child == NULL)
        return NULL;
      g_ptr_array_add (children, child);
    }

  return g_variant_ref_sink (g_variant_new_tuple ((GVariant **) children->pdata, children->len));
}

/* Fills @values (uninitialized, @n_types long) from @tuple; on failure none
 * is left initialized. */
gboolean
ro_tuple_to_values (GVariant     *tuple,
                    const GType  *types,
                    guint         n_types,
                    GValue       *values,
                    GError      **error)
{
  gsize n_children = g_variant_is_container (tuple) ? g_variant_n_children (tuple) : 0;

  if (!g_variant_is_of_type (tuple, G_VARIANT_TYPE_TUPLE) || n_children != n_types)
    {
      g_set_error (error, RO_ERROR, RO_ERROR_INVALID_ARGUMENTS,
                   "Expected %u arguments, got “%s”", n_types,
                   g_variant_get_type_string (tuple));
      return FALSE;
    }

  for (guint i = 0; i < n_types; i++)
    {
      g_autoptr(GVariant) child = g_variant_get_child_value (tuple, i);

      g_value_init (&values[i], types[i] & ~G_SIGNAL_TYPE_STATIC_SCOPE);
      if (!ro_value_from_variant (child, &values[i], error))
        {
          g_prefix_error (error, "Argument %u: ", i + 1);
          for (guint j = 0; j <= i; j++)
            g_value_unset (&values[j]);
          return FALSE;
        }
    }

  return TRUE;
}
