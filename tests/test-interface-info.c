/* test-interface-info.c: interface infos built from GTypes and variants
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <ro-glib/ro-glib.h>

#include "ro-interface-info-private.h"
#include "test-types.h"

static RoInterfaceInfo *
thing_info (void)
{
  g_autoptr(GError) error = NULL;
  RoInterfaceInfo *info = ro_interface_info_new_for_type (TEST_TYPE_THING, &error);

  g_assert_no_error (error);
  g_assert_nonnull (info);
  return info;
}

static void
check_property (RoInterfaceInfo *info,
                const char      *name,
                const char      *type,
                RoPropertyMode   mode,
                const char      *enum_name)
{
  int i = ro_interface_info_lookup_property (info, name);

  g_assert_cmpint (i, >=, 0);
  g_assert_cmpstr (ro_interface_info_get_property_name (info, i), ==, name);
  g_assert_cmpstr (g_variant_type_peek_string (ro_interface_info_get_property_type (info, i)), ==, type);
  g_assert_cmpint (ro_interface_info_get_property_mode (info, i), ==, mode);
  g_assert_cmpstr (ro_interface_info_get_property_enum (info, i), ==, enum_name);
}

static void
test_properties (void)
{
  g_autoptr(RoInterfaceInfo) info = thing_info ();

  g_assert_cmpstr (ro_interface_info_get_name (info), ==, "TestThing");
  g_assert_cmpuint (ro_interface_info_get_n_properties (info), ==, 10);
  check_property (info, "count", "i", RO_PROPERTY_MODE_READWRITE, NULL);
  check_property (info, "temperature", "d", RO_PROPERTY_MODE_READONLY, NULL);
  check_property (info, "room", "ms", RO_PROPERTY_MODE_READWRITE, NULL);
  check_property (info, "serial", "ms", RO_PROPERTY_MODE_CONSTANT, NULL);
  check_property (info, "color", "i", RO_PROPERTY_MODE_READWRITE, "TestColor");
  check_property (info, "style", "u", RO_PROPERTY_MODE_READWRITE, "TestStyle");
  check_property (info, "tags", "as", RO_PROPERTY_MODE_READWRITE, NULL);
  check_property (info, "extra", "mv", RO_PROPERTY_MODE_READWRITE, NULL);
  check_property (info, "blob", "ay", RO_PROPERTY_MODE_READWRITE, NULL);
  check_property (info, "big", "t", RO_PROPERTY_MODE_READWRITE, NULL);

  /* An object-valued and a write-only property are not remoted. */
  g_assert_cmpint (ro_interface_info_lookup_property (info, "buddy"), ==, -1);
  g_assert_cmpint (ro_interface_info_lookup_property (info, "secret"), ==, -1);
  g_assert_cmpint (ro_interface_info_lookup_property (info, NULL), ==, -1);

  /* Index order is name order. */
  for (guint i = 1; i < ro_interface_info_get_n_properties (info); i++)
    g_assert_cmpstr (ro_interface_info_get_property_name (info, i - 1), <,
                     ro_interface_info_get_property_name (info, i));
}

static void
test_signals_and_methods (void)
{
  g_autoptr(RoInterfaceInfo) info = thing_info ();
  int i;

  g_assert_cmpuint (ro_interface_info_get_n_signals (info), ==, 3);
  i = ro_interface_info_lookup_signal (info, "overheat");
  g_assert_cmpint (i, >=, 0);
  g_assert_cmpstr (g_variant_type_peek_string (ro_interface_info_get_signal_arg_types (info, i)), ==, "(msd)");
  i = ro_interface_info_lookup_signal (info, "painted");
  g_assert_cmpstr (g_variant_type_peek_string (ro_interface_info_get_signal_arg_types (info, i)), ==, "(i)");
  g_assert_cmpint (ro_interface_info_lookup_signal (info, "saw-cancel"), >=, 0);
  /* Not remotable, not forwarded; GObject's notify is never forwarded. */
  g_assert_cmpint (ro_interface_info_lookup_signal (info, "met-buddy"), ==, -1);
  g_assert_cmpint (ro_interface_info_lookup_signal (info, "notify"), ==, -1);
  /* Action signals are methods, not forwarded signals. */
  g_assert_cmpint (ro_interface_info_lookup_signal (info, "add"), ==, -1);

  g_assert_cmpuint (ro_interface_info_get_n_methods (info), ==, 9);
  i = ro_interface_info_lookup_method (info, "add");
  g_assert_cmpint (i, >=, 0);
  g_assert_cmpstr (ro_interface_info_get_method_name (info, i), ==, "add");
  g_assert_cmpstr (g_variant_type_peek_string (ro_interface_info_get_method_arg_types (info, i)), ==, "(ii)");
  g_assert_cmpstr (g_variant_type_peek_string (ro_interface_info_get_method_return_type (info, i)), ==, "(i)");
  g_assert_false (ro_interface_info_get_method_takes_invocation (info, i));

  i = ro_interface_info_lookup_method (info, "echo-later");
  g_assert_cmpstr (g_variant_type_peek_string (ro_interface_info_get_method_arg_types (info, i)), ==, "(ms)");
  g_assert_cmpstr (g_variant_type_peek_string (ro_interface_info_get_method_return_type (info, i)), ==, "(ms)");
  g_assert_true (ro_interface_info_get_method_takes_invocation (info, i));

  i = ro_interface_info_lookup_method (info, "fail");
  g_assert_cmpstr (g_variant_type_peek_string (ro_interface_info_get_method_return_type (info, i)), ==, "()");

  i = ro_interface_info_lookup_method (info, "wait-cancel");
  g_assert_cmpstr (g_variant_type_peek_string (ro_interface_info_get_method_arg_types (info, i)), ==, "()");
}

static void
test_enums (void)
{
  g_autoptr(RoInterfaceInfo) info = thing_info ();
  int i = ro_interface_info_lookup_enum (info, "TestColor");
  gint64 value = -1;

  g_assert_cmpuint (ro_interface_info_get_n_enums (info), ==, 2);
  g_assert_cmpint (i, >=, 0);
  g_assert_cmpstr (ro_interface_info_get_enum_name (info, i), ==, "TestColor");
  g_assert_false (ro_interface_info_get_enum_is_flags (info, i));
  g_assert_cmpuint (ro_interface_info_get_enum_n_values (info, i), ==, 3);
  g_assert_cmpstr (ro_interface_info_get_enum_value_nick (info, i, 2, &value), ==, "blue");
  g_assert_cmpint (value, ==, TEST_COLOR_BLUE);

  i = ro_interface_info_lookup_enum (info, "TestStyle");
  g_assert_true (ro_interface_info_get_enum_is_flags (info, i));
  g_assert_cmpstr (ro_interface_info_get_enum_value_nick (info, i, 1, &value), ==, "italic");
  g_assert_cmpint (value, ==, TEST_STYLE_ITALIC);
}

static void
test_not_an_object (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoInterfaceInfo) info = ro_interface_info_new_for_type (G_TYPE_STRING, &error);

  g_assert_null (info);
  g_assert_error (error, RO_ERROR, RO_ERROR_INVALID_ARGUMENTS);
  g_assert_nonnull (strstr (error->message, "gchararray"));
}

static void
test_variant_round_trip (void)
{
  g_autoptr(RoInterfaceInfo) info = thing_info ();
  g_autoptr(GVariant) v = ro_interface_info_to_variant (info);
  g_autoptr(GError) error = NULL;
  g_autoptr(RoInterfaceInfo) back = ro_interface_info_new_from_variant (v, &error);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (ro_interface_info_get_name (back), ==, "TestThing");
  g_assert_cmpstr (ro_interface_info_get_signature (back), ==, ro_interface_info_get_signature (info));
  a = ro_interface_info_to_string (info);
  b = ro_interface_info_to_string (back);
  g_assert_cmpstr (a, ==, b);
  g_assert_true (ro_interface_info_get_method_takes_invocation (back, ro_interface_info_lookup_method (back, "fail")));
}

static void
test_variant_refused (void)
{
  const char *bad[] = {
    "('X', [('p', 'i', 9, '')], @a(ss) [], @a(sssb) [], @a(sba(sx)) [])",        /* mode */
    "('X', [('p', 'not a type', 0, '')], @a(ss) [], @a(sssb) [], @a(sba(sx)) [])",
    "('X', [('p', 'i', 0, ''), ('p', 'd', 0, '')], @a(ss) [], @a(sssb) [], @a(sba(sx)) [])",
    "('X', [('p', 'i', 0, 'Nope')], @a(ss) [], @a(sssb) [], @a(sba(sx)) [])",    /* undeclared enum */
    "('X', @a(ssus) [], [('s', 'i')], @a(sssb) [], @a(sba(sx)) [])",             /* not a tuple */
    "('X', @a(ssus) [], @a(ss) [], [('m', '()', '(ii)', false)], @a(sba(sx)) [])", /* two results */
    "('X', @a(ssus) [], @a(ss) [], [('m', '(*)', '()', false)], @a(sba(sx)) [])", /* indefinite */
    "('', @a(ssus) [], @a(ss) [], @a(sssb) [], @a(sba(sx)) [])",
    "('X', [('bad name', 'i', 0, '')], @a(ss) [], @a(sssb) [], @a(sba(sx)) [])",
    "('X', 'wrong shape')",
    "('X', @a(ssus) [], @a(ss) [], @a(sssb) [], [('E', false, [('a b', 0)])])",   /* nick with a space */
    "('X', @a(ssus) [], @a(ss) [], @a(sssb) [], [('E', false, [('a', 0), ('a', 1)])])", /* repeated nick */
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GVariant) v = g_variant_parse (NULL, bad[i], NULL, NULL, &error);
      g_autoptr(RoInterfaceInfo) info = NULL;

      g_assert_no_error (error);
      info = ro_interface_info_new_from_variant (v, &error);
      g_assert_null (info);
      g_assert_error (error, RO_ERROR, RO_ERROR_PROTOCOL);
    }
}

static RoInterfaceInfo *
build (const char *order,
       const char *count_type,
       RoPropertyMode count_mode,
       const char *method_name)
{
  RoInterfaceInfo *info = ro_interface_info_new_empty ("Built");

  for (const char *c = order; *c; c++)
    switch (*c)
      {
      case 'p':
        ro_interface_info_add_property (info, "count", G_VARIANT_TYPE (count_type), count_mode, NULL);
        break;
      case 'q':
        ro_interface_info_add_property (info, "name", G_VARIANT_TYPE ("ms"), RO_PROPERTY_MODE_READONLY, NULL);
        break;
      case 's':
        ro_interface_info_add_signal (info, "changed", G_VARIANT_TYPE ("(i)"));
        break;
      case 'm':
        ro_interface_info_add_method (info, method_name, G_VARIANT_TYPE ("(ii)"), G_VARIANT_TYPE ("(i)"), FALSE);
        break;
      default:
        g_assert_not_reached ();
      }

  g_assert_true (ro_interface_info_seal (info, NULL));
  return info;
}

static void
test_signature (void)
{
  g_autoptr(RoInterfaceInfo) a = build ("pqsm", "i", RO_PROPERTY_MODE_READWRITE, "add");
  g_autoptr(RoInterfaceInfo) reordered = build ("msqp", "i", RO_PROPERTY_MODE_READWRITE, "add");
  g_autoptr(RoInterfaceInfo) other_type = build ("pqsm", "x", RO_PROPERTY_MODE_READWRITE, "add");
  g_autoptr(RoInterfaceInfo) other_mode = build ("pqsm", "i", RO_PROPERTY_MODE_READPUSH, "add");
  g_autoptr(RoInterfaceInfo) other_name = build ("pqsm", "i", RO_PROPERTY_MODE_READWRITE, "sum");
  g_autoptr(RoInterfaceInfo) fewer = build ("pqm", "i", RO_PROPERTY_MODE_READWRITE, "add");
  g_autoptr(RoInterfaceInfo) thing1 = thing_info ();
  g_autoptr(RoInterfaceInfo) thing2 = thing_info ();
  g_autofree char *text = ro_interface_info_to_string (a);
  const char *sig = ro_interface_info_get_signature (a);

  g_assert_cmpuint (strlen (sig), ==, 64);
  g_assert_cmpstr (sig, ==, ro_interface_info_get_signature (reordered));
  g_assert_cmpstr (sig, !=, ro_interface_info_get_signature (other_type));
  g_assert_cmpstr (sig, !=, ro_interface_info_get_signature (other_mode));
  g_assert_cmpstr (sig, !=, ro_interface_info_get_signature (other_name));
  g_assert_cmpstr (sig, !=, ro_interface_info_get_signature (fewer));
  g_assert_cmpstr (ro_interface_info_get_signature (thing1), ==, ro_interface_info_get_signature (thing2));

  /* The canonical text is fixed by the protocol: the same on every machine,
   * so its digest is pinned here. */
  g_assert_cmpstr (text, ==,
                   "property count i READWRITE\n"
                   "property name ms READONLY\n"
                   "signal changed (i)\n"
                   "method add (ii) (i)\n");
  {
    g_autofree char *expected = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);

    g_assert_cmpstr (sig, ==, expected);
  }
}

static void
test_boxed (void)
{
  g_autoptr(RoInterfaceInfo) info = thing_info ();
  RoInterfaceInfo *copy = g_boxed_copy (RO_TYPE_INTERFACE_INFO, info);

  g_assert_true (copy == info);
  g_boxed_free (RO_TYPE_INTERFACE_INFO, copy);
  g_assert_cmpstr (ro_interface_info_get_name (info), ==, "TestThing");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("RoInterfaceInfo built from GTypes, serialized, and signed");

  g_test_add_func ("/Ro/InterfaceInfo/properties", test_properties);
  g_test_add_func ("/Ro/InterfaceInfo/signals-and-methods", test_signals_and_methods);
  g_test_add_func ("/Ro/InterfaceInfo/enums", test_enums);
  g_test_add_func ("/Ro/InterfaceInfo/not-an-object", test_not_an_object);
  g_test_add_func ("/Ro/InterfaceInfo/variant-round-trip", test_variant_round_trip);
  g_test_add_func ("/Ro/InterfaceInfo/variant-refused", test_variant_refused);
  g_test_add_func ("/Ro/InterfaceInfo/signature", test_signature);
  g_test_add_func ("/Ro/InterfaceInfo/boxed", test_boxed);

  return g_test_run ();
}
