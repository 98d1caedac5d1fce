/* ro-value.c: how GObject values travel as GVariant
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "ro-value-private.h"
#include "ro-variant-format.h"

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

/*
 * Values are written straight into GVariant's serialization format rather
 * than built as GVariant trees: a tree costs an allocation and a locked
 * type lookup per node, and is serialized again anyway before it is sent.
 * What is written is the canonical serialization (the bytes
 * g_variant_store() gives), little-endian.
 */

static const guint8 zeros[8];

static gboolean
put_string (GByteArray  *out,
            const char  *s,
            GError     **error)
{
  if (!g_utf8_validate (s, -1, NULL))
    {
      g_set_error_literal (error, RO_ERROR, RO_ERROR_INVALID_ARGUMENTS, "String value is not valid UTF-8");
      return FALSE;
    }
  g_byte_array_append (out, (const guint8 *) s, strlen (s) + 1);
  return TRUE;
}

/* Appends @value's data; @out's length is where the value starts, already
 * aligned for its type. */
gboolean
ro_value_write (GByteArray    *out,
                const GValue  *value,
                GError       **error)
{
  GType gtype = G_VALUE_TYPE (value);

  switch (G_TYPE_FUNDAMENTAL (gtype))
    {
    case G_TYPE_BOOLEAN: ro_variant_append_le (out, g_value_get_boolean (value) ? 1 : 0, 1); return TRUE;
    case G_TYPE_CHAR:    ro_variant_append_le (out, (guint16) g_value_get_schar (value), 2); return TRUE;
    case G_TYPE_UCHAR:   ro_variant_append_le (out, g_value_get_uchar (value), 1); return TRUE;
    case G_TYPE_INT:     ro_variant_append_le (out, (guint32) g_value_get_int (value), 4); return TRUE;
    case G_TYPE_ENUM:    ro_variant_append_le (out, (guint32) g_value_get_enum (value), 4); return TRUE;
    case G_TYPE_UINT:    ro_variant_append_le (out, g_value_get_uint (value), 4); return TRUE;
    case G_TYPE_FLAGS:   ro_variant_append_le (out, g_value_get_flags (value), 4); return TRUE;
    case G_TYPE_LONG:    ro_variant_append_le (out, (guint64) g_value_get_long (value), 8); return TRUE;
    case G_TYPE_INT64:   ro_variant_append_le (out, (guint64) g_value_get_int64 (value), 8); return TRUE;
    case G_TYPE_ULONG:   ro_variant_append_le (out, g_value_get_ulong (value), 8); return TRUE;
    case G_TYPE_UINT64:  ro_variant_append_le (out, g_value_get_uint64 (value), 8); return TRUE;
    case G_TYPE_FLOAT:
    case G_TYPE_DOUBLE:
      {
        double d = G_TYPE_FUNDAMENTAL (gtype) == G_TYPE_FLOAT ? g_value_get_float (value) : g_value_get_double (value);
        guint64 bits;

        memcpy (&bits, &d, sizeof bits);
        ro_variant_append_le (out, bits, 8);
      }
      return TRUE;
    case G_TYPE_STRING:
      {
        const char *s = g_value_get_string (value);

        /* A Just of variable size ends with a zero byte; Nothing is empty. */
        if (s == NULL)
          return TRUE;
        if (!put_string (out, s, error))
          return FALSE;
        g_byte_array_append (out, zeros, 1);
      }
      return TRUE;
    case G_TYPE_VARIANT:
      {
        GVariant *inner = g_value_get_variant (value);
        g_autoptr(GVariant) normal = NULL;
        const char *type;

        if (inner == NULL)
          return TRUE;
        /* A variant: its child's data, a zero byte, the child's type. */
        normal = g_variant_get_normal_form (inner);
        if (G_BYTE_ORDER == G_BIG_ENDIAN)
          {
            GVariant *swapped = g_variant_byteswap (normal);

            g_variant_unref (normal);
            normal = swapped;
          }
        type = g_variant_get_type_string (normal);
        if (g_variant_get_size (normal) > 0)
          g_byte_array_append (out, g_variant_get_data (normal), g_variant_get_size (normal));
        g_byte_array_append (out, zeros, 1);
        g_byte_array_append (out, (const guint8 *) type, strlen (type));
        g_byte_array_append (out, zeros, 1);
      }
      return TRUE;
    case G_TYPE_BOXED:
      if (gtype == G_TYPE_STRV)
        {
          const char * const *strv = g_value_get_boxed (value);
          gsize start = out->len, n = strv != NULL ? g_strv_length ((char **) strv) : 0;
          g_autofree gsize *ends = g_new (gsize, MAX (n, 1));
          gsize body, osize;

          for (gsize i = 0; i < n; i++)
            {
              if (!put_string (out, strv[i], error))
                {
                  g_prefix_error (error, "String %" G_GSIZE_FORMAT " of the string array: ", i);
                  return FALSE;
                }
              ends[i] = out->len - start;
            }
          /* The ends of the strings frame them, in order. */
          body = out->len - start;
          osize = n > 0 ? (ro_variant_framed_size (body, n) - body) / n : 0;
          for (gsize i = 0; i < n; i++)
            ro_variant_append_le (out, ends[i], osize);
          return TRUE;
        }
      if (gtype == G_TYPE_BYTES)
        {
          GBytes *bytes = g_value_get_boxed (value);
          gsize size = 0;
          gconstpointer data = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;

          if (size > 0)
            g_byte_array_append (out, data, size);
          return TRUE;
        }
      break;
    default:
      break;
    }

  /* Reports the error in one place, with the type's name. */
  ro_value_type_for_gtype (gtype, error);
  return FALSE;
}

/* Written data needs no checking: GLib can trust it. */
static GVariant *
new_written (const GVariantType *type,
             GByteArray         *out)
{
  g_autoptr(GBytes) bytes = g_byte_array_free_to_bytes (out);

  return ro_variant_new_trusted (type, bytes);
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
  const GVariantType *type;
  GByteArray *out;

  g_return_val_if_fail (G_IS_VALUE (value), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  type = ro_value_type_for_gtype (G_VALUE_TYPE (value), error);
  if (type == NULL)
    return NULL;
  out = g_byte_array_new ();
  if (!ro_value_write (out, value, error))
    {
      g_byte_array_unref (out);
      return NULL;
    }
  return new_written (type, out);
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
  g_autoptr(GString) type = g_string_new ("(");
  GByteArray *out = g_byte_array_new ();
  g_autofree gsize *ends = g_new (gsize, MAX (n_values, 1));
  gsize n_offsets = 0, align = 1;
  gboolean fixed = TRUE;

  for (guint i = 0; i < n_values; i++)
    {
      const GVariantType *item = ro_value_type_for_gtype (G_VALUE_TYPE (&values[i]), error);
      RoVariantLayout layout;

      if (item == NULL)
        {
          g_byte_array_unref (out);
          return NULL;
        }
      g_string_append_len (type, g_variant_type_peek_string (item), g_variant_type_get_string_length (item));
      ro_variant_type_layout (item, &layout);
      align = MAX (align, layout.align);
      ro_variant_append_padding (out, layout.align);
      if (!ro_value_write (out, &values[i], error))
        {
          g_byte_array_unref (out);
          return NULL;
        }
      /* Items of variable size but the last have their ends recorded. */
      if (layout.fixed_size == 0)
        {
          fixed = FALSE;
          if (i + 1 < n_values)
            ends[n_offsets++] = out->len;
        }
    }
  g_string_append_c (type, ')');

  if (fixed)
    {
      /* Padded to the tuple's alignment; the unit tuple is one zero byte. */
      ro_variant_append_padding (out, align);
      if (n_values == 0)
        g_byte_array_append (out, zeros, 1);
    }
  else if (n_offsets > 0)
    {
      gsize body = out->len;
      gsize osize = (ro_variant_framed_size (body, n_offsets) - body) / n_offsets;

      /* The first item's end is stored last. */
      for (gsize k = n_offsets; k-- > 0;)
        ro_variant_append_le (out, ends[k], osize);
    }

  return new_written (G_VARIANT_TYPE (type->str), out);
}

/* Whether values of @gtype can be read straight from the data of their
 * wire type: no range to check, no enum to look up. */
static gboolean
is_plain (GType gtype)
{
  switch (gtype)
    {
    case G_TYPE_BOOLEAN: case G_TYPE_UCHAR: case G_TYPE_INT: case G_TYPE_UINT:
    case G_TYPE_INT64: case G_TYPE_UINT64: case G_TYPE_DOUBLE: case G_TYPE_STRING:
      return TRUE;
    case G_TYPE_LONG: case G_TYPE_ULONG:
      return sizeof (glong) == 8;
    default:
      return FALSE;
    }
}

/* The mirror of the writer: a tuple of plain values in their wire types,
 * read from its serialized bytes without a GVariant per item. FALSE with
 * nothing set when that does not apply; the general path then reads it. */
static gboolean
read_plain_tuple (GVariant    *tuple,
                  const GType *types,
                  guint        n_types,
                  GValue      *values)
{
  g_autoptr(GString) expected = g_string_new ("(");
  const guint8 *data;
  gsize size, n_offsets = 0, osize, body, end = 0, k = 0;

  for (guint i = 0; i < n_types; i++)
    {
      GType gtype = types[i] & ~G_SIGNAL_TYPE_STATIC_SCOPE;
      const GVariantType *wire;

      if (!is_plain (gtype))
        return FALSE;
      wire = ro_value_type_for_gtype (gtype, NULL);
      g_string_append_len (expected, g_variant_type_peek_string (wire), g_variant_type_get_string_length (wire));
      if (gtype == G_TYPE_STRING && i + 1 < n_types)
        n_offsets++;
    }
  g_string_append_c (expected, ')');
  /* Only data GLib vouches for: trusted, or checked here. */
  if (G_BYTE_ORDER != G_LITTLE_ENDIAN || !g_str_equal (g_variant_get_type_string (tuple), expected->str) ||
      !g_variant_is_normal_form (tuple))
    return FALSE;

  data = g_variant_get_data (tuple);
  size = g_variant_get_size (tuple);
  osize = ro_variant_offset_size (size);
  body = size - n_offsets * osize;
  for (guint i = 0; i < n_types; i++)
    {
      GType gtype = types[i] & ~G_SIGNAL_TYPE_STATIC_SCOPE;
      RoVariantLayout layout;

      ro_variant_type_layout (ro_value_type_for_gtype (gtype, NULL), &layout);
      end = (end + layout.align - 1) & ~(layout.align - 1);
      g_value_init (&values[i], gtype);
      if (gtype == G_TYPE_STRING)
        {
          gsize next = i + 1 < n_types ? ro_variant_read_offset (data + size - osize * ++k, osize) : body;

          /* Nothing is empty; a Just is the string, its NUL and a zero. */
          if (next > end)
            g_value_set_string (&values[i], (const char *) data + end);
          end = next;
          continue;
        }
      {
        guint64 bits = ro_variant_read_offset (data + end, layout.fixed_size);

        switch (gtype)
          {
          case G_TYPE_BOOLEAN: g_value_set_boolean (&values[i], bits != 0); break;
          case G_TYPE_UCHAR:   g_value_set_uchar (&values[i], (guchar) bits); break;
          case G_TYPE_INT:     g_value_set_int (&values[i], (gint32) bits); break;
          case G_TYPE_UINT:    g_value_set_uint (&values[i], (guint32) bits); break;
          case G_TYPE_INT64:   g_value_set_int64 (&values[i], (gint64) bits); break;
          case G_TYPE_UINT64:  g_value_set_uint64 (&values[i], bits); break;
          case G_TYPE_LONG:    g_value_set_long (&values[i], (glong) bits); break;
          case G_TYPE_ULONG:   g_value_set_ulong (&values[i], (gulong) bits); break;
          default:
            {
              double d;

              memcpy (&d, &bits, sizeof d);
              g_value_set_double (&values[i], d);
            }
            break;
          }
        end += layout.fixed_size;
      }
    }
  return TRUE;
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

  if (read_plain_tuple (tuple, types, n_types, values))
    return TRUE;

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
