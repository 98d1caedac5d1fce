/* fuzz-interface-info.c: interface descriptions received from a peer
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * The input is the serialised data of a (sa(ssus)a(ss)a(sssb)a(sba(sx)))
 * value, which a snapshot carries; GVariant puts it in normal form first,
 * as it does for anything read from a peer. ro_interface_info_new_from_variant()
 * must refuse it with RO_ERROR_PROTOCOL, or build an info whose every
 * member can be looked up by name, and that serialises back to a value
 * rebuilding the same info (same description, same signature).
 */

#include <string.h>

#include "fuzz.h"

#define INFO_TYPE "(sa(ssus)a(ss)a(sssb)a(sba(sx)))"

static void
check_members (RoInterfaceInfo *info)
{
  for (guint i = 0; i < ro_interface_info_get_n_properties (info); i++)
    {
      const char *name = ro_interface_info_get_property_name (info, i);
      const char *enum_name = ro_interface_info_get_property_enum (info, i);

      g_assert_cmpint (ro_interface_info_lookup_property (info, name), ==, i);
      g_assert_true (g_variant_type_is_definite (ro_interface_info_get_property_type (info, i)));
      g_assert_cmpint (ro_interface_info_get_property_mode (info, i), <=, RO_PROPERTY_MODE_CONSTANT);
      if (enum_name != NULL)
        g_assert_cmpint (ro_interface_info_lookup_enum (info, enum_name), >=, 0);
    }

  for (guint i = 0; i < ro_interface_info_get_n_signals (info); i++)
    {
      const char *name = ro_interface_info_get_signal_name (info, i);

      g_assert_cmpint (ro_interface_info_lookup_signal (info, name), ==, i);
      g_assert_true (g_variant_type_is_tuple (ro_interface_info_get_signal_arg_types (info, i)));
    }

  for (guint i = 0; i < ro_interface_info_get_n_methods (info); i++)
    {
      const char *name = ro_interface_info_get_method_name (info, i);
      const GVariantType *result = ro_interface_info_get_method_return_type (info, i);

      g_assert_cmpint (ro_interface_info_lookup_method (info, name), ==, i);
      g_assert_true (g_variant_type_is_tuple (ro_interface_info_get_method_arg_types (info, i)));
      g_assert_true (g_variant_type_is_tuple (result));
      g_assert_cmpuint (g_variant_type_n_items (result), <=, 1);
      (void) ro_interface_info_get_method_takes_invocation (info, i);
    }

  for (guint i = 0; i < ro_interface_info_get_n_enums (info); i++)
    {
      const char *name = ro_interface_info_get_enum_name (info, i);

      g_assert_cmpint (ro_interface_info_lookup_enum (info, name), ==, i);
      (void) ro_interface_info_get_enum_is_flags (info, i);
      for (guint j = 0; j < ro_interface_info_get_enum_n_values (info, i); j++)
        {
          gint64 value;
          const char *nick = ro_interface_info_get_enum_value_nick (info, i, j, &value);

          g_assert_nonnull (nick);
          g_assert_cmpuint (strlen (nick), >, 0);
        }
    }
}

void
ro_fuzz_interface_info (const guint8 *data,
                        gsize         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GVariant) raw = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (INFO_TYPE),
                                                                         bytes, FALSE));
  g_autoptr(GVariant) variant = g_variant_get_normal_form (raw);
  g_autoptr(GError) error = NULL;
  g_autoptr(RoInterfaceInfo) info = NULL;
  g_autoptr(GVariant) serialised = NULL;
  g_autoptr(RoInterfaceInfo) again = NULL;
  g_autoptr(GVariant) reserialised = NULL;
  g_autofree char *description = NULL;
  g_autofree char *description_again = NULL;
  const char *signature;

  info = ro_interface_info_new_from_variant (variant, &error);
  if (info == NULL)
    {
      ro_fuzz_assert_protocol_error (error);
      return;
    }
  g_assert_no_error (error);

  g_assert_nonnull (ro_interface_info_get_name (info));
  signature = ro_interface_info_get_signature (info);
  g_assert_nonnull (signature);
  g_assert_cmpuint (strlen (signature), ==, 64);
  check_members (info);

  serialised = ro_interface_info_to_variant (info);
  g_assert_true (g_variant_is_of_type (serialised, G_VARIANT_TYPE (INFO_TYPE)));
  again = ro_interface_info_new_from_variant (serialised, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);

  g_assert_cmpstr (ro_interface_info_get_name (again), ==, ro_interface_info_get_name (info));
  g_assert_cmpstr (ro_interface_info_get_signature (again), ==, signature);
  description = ro_interface_info_to_string (info);
  description_again = ro_interface_info_to_string (again);
  g_assert_cmpstr (description_again, ==, description);

  reserialised = ro_interface_info_to_variant (again);
  g_assert_true (g_variant_equal (reserialised, serialised));
}

#ifdef RO_FUZZ_ENTRY_POINT
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  ro_fuzz_init ();
  ro_fuzz_interface_info (data, size);
  return 0;
}
#endif
