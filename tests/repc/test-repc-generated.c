/* test-repc-generated.c: the code ro-repc generated, at run time
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Links the code generated from every test .rep file (built with
 * warning_level=3 and -Werror). The key check: the interface the library
 * computes for a generated source at run time is exactly the one ro-repc
 * compiled into the replica, signature and canonical text alike.
 */

#include <ro-glib/ro-glib.h>

#include "thermostat-impl.h"
#include "thermostat-v2.h"
#include "types.h"

typedef struct
{
  const char *name;
  GType (*source_type) (void);
  GType (*replica_type) (void);
  const char *signature;
  char *(*description) (void);
} Generated;

static const Generated generated[] = {
  { "Thermostat", thermostat_source_get_type, thermostat_replica_get_type,
    THERMOSTAT_INTERFACE_SIGNATURE, thermostat_replica_dup_interface_description },
  { "ThermostatV2", thermostat_v2_source_get_type, thermostat_v2_replica_get_type,
    THERMOSTAT_V2_INTERFACE_SIGNATURE, thermostat_v2_replica_dup_interface_description },
  { "Gps", gps_source_get_type, gps_replica_get_type,
    GPS_INTERFACE_SIGNATURE, gps_replica_dup_interface_description },
  { "PrinterQueue", printer_queue_source_get_type, printer_queue_replica_get_type,
    PRINTER_QUEUE_INTERFACE_SIGNATURE, printer_queue_replica_dup_interface_description },
  { "Empty", empty_source_get_type, empty_replica_get_type,
    EMPTY_INTERFACE_SIGNATURE, empty_replica_dup_interface_description },
  /* A subclass that implements the slots keeps the interface. */
  { "TestThermostat", test_thermostat_get_type, thermostat_replica_get_type,
    THERMOSTAT_INTERFACE_SIGNATURE, thermostat_replica_dup_interface_description },
};

static void
test_signature (gconstpointer data)
{
  const Generated *g = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RoInterfaceInfo) info = ro_interface_info_new_for_type (g->source_type (), &error);
  g_autoptr(GTypeClass) klass = g_type_class_ref (g->replica_type ());
  g_autofree char *expected = g->description ();
  g_autofree char *actual = NULL;
  g_autofree char *digest = NULL;

  g_assert_no_error (error);
  actual = ro_interface_info_to_string (info);
  g_assert_cmpstr (actual, ==, expected);
  g_assert_cmpstr (ro_interface_info_get_signature (info), ==, g->signature);
  g_assert_cmpstr (ro_replica_class_get_signature (RO_REPLICA_CLASS (klass)), ==, g->signature);
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, expected, -1);
  g_assert_cmpstr (digest, ==, g->signature);
}

/* What the canonical text of thermostat.rep says, member by member. */
static void
test_thermostat_interface (void)
{
  g_autofree char *text = thermostat_replica_dup_interface_description ();

  g_assert_cmpstr (text, ==,
                   "property mode i READWRITE enum=ThermostatMode\n"
                   "property presets as READWRITE\n"
                   "property room ms READPUSH\n"
                   "property serial ms CONSTANT\n"
                   "property target d READWRITE\n"
                   "property temperature d READONLY\n"
                   "signal mode-switched (i)\n"
                   "signal overheat (msd)\n"
                   "method cycle-mode () (i)\n"
                   "method describe (ms) (ms)\n"
                   "method heat (d) (d)\n"
                   "method reset () ()\n"
                   "enum ThermostatMode off=0 heat=1 cool=4\n");
}

/* camelCase members are kebab-case GObject names; enums get type names,
 * macros and nicks as documented. */
static void
test_names (void)
{
  g_autoptr(GTypeClass) gps_ref = g_type_class_ref (GPS_TYPE_SOURCE);
  GObjectClass *gps = G_OBJECT_CLASS (gps_ref);
  /* Signals exist once the class does. */
  g_autoptr(GTypeClass) gps_replica G_GNUC_UNUSED = g_type_class_ref (GPS_TYPE_REPLICA);
  g_autoptr(GEnumClass) fix = g_type_class_ref (GPS_TYPE_FIX_STATUS);
  g_autoptr(GEnumClass) http G_GNUC_UNUSED = g_type_class_ref (GPS_TYPE_HTTP_STATE);
  g_autoptr(GEnumClass) priority = g_type_class_ref (TYPE_PRIORITY);

  g_assert_nonnull (g_object_class_find_property (gps, "satellites-in-view"));
  g_assert_nonnull (g_object_class_find_property (gps, "update-interval"));
  g_assert_cmpuint (g_signal_lookup ("position-changed", GPS_TYPE_SOURCE), !=, 0);
  g_assert_cmpuint (g_signal_lookup ("settings-for", GPS_TYPE_SOURCE), !=, 0);
  g_assert_cmpuint (g_signal_lookup ("position-changed", GPS_TYPE_REPLICA), !=, 0);
  g_assert_cmpuint (g_signal_lookup ("settings-for", GPS_TYPE_REPLICA), ==, 0);

  g_assert_cmpstr (g_type_name (GPS_TYPE_FIX_STATUS), ==, "GpsFixStatus");
  g_assert_cmpstr (g_enum_get_value (fix, GPS_FIX_STATUS_NO_FIX)->value_nick, ==, "no-fix");
  g_assert_cmpstr (g_enum_get_value (fix, GPS_FIX_STATUS_FIX2D)->value_nick, ==, "fix2d");
  g_assert_cmpstr (g_type_name (GPS_TYPE_HTTP_STATE), ==, "GpsHTTPState");
  g_assert_cmpint (GPS_HTTP_STATE_BUSY, ==, 3);
  g_assert_cmpstr (g_type_name (TYPE_PRIORITY), ==, "Priority");
  g_assert_cmpint (PRIORITY_LOW, ==, -1);
  g_assert_cmpint (PRIORITY_NORMAL, ==, 0);
  g_assert_cmpint (PRIORITY_HIGH, ==, 16);
  g_assert_cmpstr (g_enum_get_value (priority, PRIORITY_HIGH)->value_nick, ==, "high");

  g_assert_cmpstr (g_type_name (PRINTER_QUEUE_TYPE_SOURCE), ==, "PrinterQueueSource");
  g_assert_cmpstr (g_type_name (PRINTER_QUEUE_TYPE_REPLICA), ==, "PrinterQueueReplica");
  g_assert_true (g_type_is_a (PRINTER_QUEUE_TYPE_REPLICA, RO_TYPE_REPLICA));
  g_assert_true (G_TYPE_IS_DERIVABLE (PRINTER_QUEUE_TYPE_SOURCE));
  g_assert_true (G_TYPE_IS_FINAL (PRINTER_QUEUE_TYPE_REPLICA));
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *n)
{
  (*n)++;
}

/* Typed setters notify once per change, never for the same value. */
static void
test_source_setters (void)
{
  g_autoptr(GpsSource) gps = g_object_new (GPS_TYPE_SOURCE, NULL);
  g_autoptr(GBytes) nmea = g_bytes_new_static ("$GP", 3);
  g_autoptr(GBytes) same_nmea = g_bytes_new_static ("$GP", 3);
  const char * const constellations[] = { "gps", "galileo", NULL };
  const char * const same_constellations[] = { "gps", "galileo", NULL };
  guint n_satellites = 0, n_label = 0, n_nmea = 0, n_constellations = 0, n_extra = 0, n_channels = 0, n_fix = 0;

  g_signal_connect (gps, "notify::satellites-in-view", G_CALLBACK (count_cb), &n_satellites);
  g_signal_connect (gps, "notify::label", G_CALLBACK (count_cb), &n_label);
  g_signal_connect (gps, "notify::nmea", G_CALLBACK (count_cb), &n_nmea);
  g_signal_connect (gps, "notify::constellations", G_CALLBACK (count_cb), &n_constellations);
  g_signal_connect (gps, "notify::extra", G_CALLBACK (count_cb), &n_extra);
  g_signal_connect (gps, "notify::channels", G_CALLBACK (count_cb), &n_channels);
  g_signal_connect (gps, "notify::fix-status", G_CALLBACK (count_cb), &n_fix);

  /* The .rep defaults. */
  g_assert_cmpint (gps_source_get_satellites_in_view (gps), ==, 0);
  g_assert_true (gps_source_get_enabled (gps));
  g_assert_cmpuint (gps_source_get_update_interval (gps), ==, 1000);
  g_assert_cmpint (gps_source_get_uptime (gps), ==, G_GINT64_CONSTANT (-5000000000));
  g_assert_cmpuint (gps_source_get_bytes_seen (gps), ==, G_GUINT64_CONSTANT (0xFFFFFFFFFF));
  g_assert_cmpfloat (gps_source_get_latitude (gps), ==, -33.5);
  g_assert_cmpfloat (gps_source_get_accuracy (gps), ==, 2.5);
  g_assert_cmpstr (gps_source_get_vendor (gps), ==, "Acme \"GPS\"");
  g_assert_null (gps_source_get_label (gps));
  g_assert_cmpint (gps_source_get_priority (gps), ==, PRIORITY_HIGH);
  g_assert_cmpint (gps_source_get_fix_status (gps), ==, GPS_FIX_STATUS_NO_FIX);

  gps_source_set_satellites_in_view (gps, 7);
  gps_source_set_satellites_in_view (gps, 7);
  g_assert_cmpint (gps_source_get_satellites_in_view (gps), ==, 7);
  g_assert_cmpuint (n_satellites, ==, 1);

  gps_source_set_label (gps, "roof");
  gps_source_set_label (gps, "roof");
  gps_source_set_label (gps, NULL);
  gps_source_set_label (gps, NULL);
  g_assert_cmpuint (n_label, ==, 2);

  gps_source_set_nmea (gps, nmea);
  gps_source_set_nmea (gps, same_nmea);
  g_assert_true (g_bytes_equal (gps_source_get_nmea (gps), nmea));
  g_assert_cmpuint (n_nmea, ==, 1);

  gps_source_set_constellations (gps, constellations);
  gps_source_set_constellations (gps, same_constellations);
  g_assert_true (g_strv_equal (gps_source_get_constellations (gps), constellations));
  g_assert_cmpuint (n_constellations, ==, 1);

  /* Floating references are sunk. */
  gps_source_set_extra (gps, g_variant_new_int32 (3));
  gps_source_set_extra (gps, g_variant_new_int32 (3));
  gps_source_set_extra (gps, g_variant_new_string ("x"));
  g_assert_cmpstr (g_variant_get_string (gps_source_get_extra (gps), NULL), ==, "x");
  g_assert_cmpuint (n_extra, ==, 2);

  gps_source_set_channels (gps, g_variant_new_parsed ("[1, 2, 3]"));
  gps_source_set_channels (gps, g_variant_new_parsed ("[1, 2, 3]"));
  g_assert_cmpuint (n_channels, ==, 1);

  gps_source_set_fix_status (gps, GPS_FIX_STATUS_FIX3D);
  gps_source_set_fix_status (gps, GPS_FIX_STATUS_FIX3D);
  g_assert_cmpuint (n_fix, ==, 1);

  /* g_object_set goes through the same setters. */
  g_object_set (gps, "enabled", FALSE, "update-interval", 5u, NULL);
  g_assert_false (gps_source_get_enabled (gps));
  g_assert_cmpuint (gps_source_get_update_interval (gps), ==, 5);
}

/* An enum property without a default starts at the enum's first value,
 * on the source and on the replica. */
static void
test_enum_without_zero (void)
{
  g_autoptr(PrinterQueueSource) source = printer_queue_source_new ();
  g_autoptr(PrinterQueueReplica) replica = g_object_new (PRINTER_QUEUE_TYPE_REPLICA, NULL);

  g_assert_cmpint (printer_queue_source_get_level (source), ==, PRINTER_QUEUE_LEVEL_ONE);
  g_assert_cmpint (printer_queue_replica_get_level (replica), ==, PRINTER_QUEUE_LEVEL_ONE);
  g_assert_cmpint (PRINTER_QUEUE_LEVEL_TWO, ==, 2);
}

/* CONSTANT properties are construct-only. */
static void
test_constant (void)
{
  g_autoptr(TestThermostat) thermostat = test_thermostat_new ("SN-1");
  g_autoptr(GTypeClass) klass_ref = g_type_class_ref (THERMOSTAT_TYPE_SOURCE);
  GObjectClass *klass = G_OBJECT_CLASS (klass_ref);
  GParamSpec *serial = g_object_class_find_property (klass, "serial");

  g_assert_cmpstr (thermostat_source_get_serial (THERMOSTAT_SOURCE (thermostat)), ==, "SN-1");
  g_assert_true (serial->flags & G_PARAM_CONSTRUCT_ONLY);
  g_assert_false (g_object_class_find_property (klass, "temperature")->flags & G_PARAM_WRITABLE);
  g_assert_true (g_object_class_find_property (klass, "room")->flags & G_PARAM_WRITABLE);
}

/* Slots are action signals whose class handler is the vfunc. */
static void
test_slots (void)
{
  g_autoptr(TestThermostat) thermostat = test_thermostat_new ("SN-1");
  g_autoptr(ThermostatSource) plain = thermostat_source_new ();
  double temperature = 0;
  char *description = NULL;
  ThermostatMode mode = THERMOSTAT_MODE_OFF;
  guint signal_id = g_signal_lookup ("heat", THERMOSTAT_TYPE_SOURCE);
  GSignalQuery query;

  g_signal_query (signal_id, &query);
  g_assert_true (query.signal_flags & G_SIGNAL_ACTION);
  g_assert_cmpuint (query.return_type, ==, G_TYPE_DOUBLE);

  g_signal_emit_by_name (thermostat, "heat", 2.5, &temperature);
  g_assert_cmpfloat (temperature, ==, 22.5);
  g_assert_cmpfloat (thermostat_source_get_temperature (THERMOSTAT_SOURCE (thermostat)), ==, 22.5);

  g_signal_emit_by_name (thermostat, "describe", "now", &description);
  g_assert_cmpstr (description, ==, "now: kitchen 22.5");
  g_free (description);

  g_signal_emit_by_name (thermostat, "cycle-mode", &mode);
  g_assert_cmpint (mode, ==, THERMOSTAT_MODE_COOL);

  /* The generated source implements nothing itself. */
  g_test_expect_message ("RoGenerated", G_LOG_LEVEL_WARNING, "*does not implement the slot “heat” of Thermostat*");
  g_signal_emit_by_name (plain, "heat", 1.0, &temperature);
  g_test_assert_expected_messages ();
  g_assert_cmpfloat (temperature, ==, 0);
}

/* Before any source is attached, a replica holds the .rep defaults. */
static void
test_replica_defaults (void)
{
  g_autoptr(ThermostatReplica) replica = g_object_new (THERMOSTAT_TYPE_REPLICA, NULL);
  g_autoptr(GTypeClass) klass_ref = g_type_class_ref (THERMOSTAT_TYPE_REPLICA);
  GObjectClass *klass = G_OBJECT_CLASS (klass_ref);
  g_autofree char *room = NULL;
  g_auto(GStrv) presets = NULL;

  g_assert_cmpfloat (thermostat_replica_get_temperature (replica), ==, 20.0);
  g_assert_cmpfloat (thermostat_replica_get_target (replica), ==, 21.5);
  room = thermostat_replica_dup_room (replica);
  g_assert_cmpstr (room, ==, "kitchen");
  g_assert_cmpint (thermostat_replica_get_mode (replica), ==, THERMOSTAT_MODE_HEAT);
  presets = thermostat_replica_dup_presets (replica);
  g_assert_null (presets);

  /* Only READWRITE properties are writable on a replica. */
  g_assert_true (g_object_class_find_property (klass, "target")->flags & G_PARAM_WRITABLE);
  g_assert_true (g_object_class_find_property (klass, "mode")->flags & G_PARAM_WRITABLE);
  g_assert_false (g_object_class_find_property (klass, "room")->flags & G_PARAM_WRITABLE);
  g_assert_false (g_object_class_find_property (klass, "serial")->flags & G_PARAM_WRITABLE);
  g_assert_false (g_object_class_find_property (klass, "temperature")->flags & G_PARAM_WRITABLE);
}

static void
test_pods (void)
{
  g_autoptr(GVariant) point = g_variant_ref_sink (point_new (3, -4));
  g_autoptr(GVariant) label = NULL;
  g_autoptr(GVariant) span = g_variant_ref_sink (span_new (-1, 2, TRUE, 0.5));
  g_autoptr(GBytes) icon = g_bytes_new_static ("\x89PNG", 4);
  const char * const tags[] = { "a", "b", NULL };
  g_autoptr(GBytes) got_icon = NULL;
  g_auto(GStrv) got_tags = NULL;
  g_autoptr(GVariant) extra = NULL;
  g_autoptr(GVariant) attributes = NULL;
  g_autoptr(GVariant) weights = NULL;
  g_autoptr(GVariant) anchor = NULL;

  g_assert_true (g_variant_is_of_type (point, POINT_VARIANT_TYPE));
  g_assert_cmpstr (g_variant_get_type_string (point), ==, "(ii)");
  g_assert_cmpint (point_get_x (point), ==, 3);
  g_assert_cmpint (point_get_y (point), ==, -4);

  g_assert_cmpstr (g_variant_get_type_string (span), ==, "(xtbd)");
  g_assert_cmpint (span_get_start (span), ==, -1);
  g_assert_cmpuint (span_get_length (span), ==, 2);
  g_assert_true (span_get_open (span));
  g_assert_cmpfloat (span_get_scale (span), ==, 0.5);

  label = g_variant_ref_sink (label_new (NULL, PRIORITY_LOW, icon, tags, g_variant_new_int32 (9),
                                         g_variant_new_parsed ("@a{sv} {'k': <1>}"),
                                         g_variant_new_parsed ("[0.5, 1.5]"), point_new (1, 2)));
  g_assert_cmpstr (g_variant_get_type_string (label), ==, "(siayasva{sv}ad(ii))");
  g_assert_cmpstr (label_get_text (label), ==, "");
  g_assert_cmpint (label_get_priority (label), ==, PRIORITY_LOW);
  got_icon = label_get_icon (label);
  g_assert_true (g_bytes_equal (got_icon, icon));
  got_tags = label_get_tags (label);
  g_assert_true (g_strv_equal ((const char * const *) got_tags, tags));
  extra = label_get_extra (label);
  g_assert_cmpint (g_variant_get_int32 (extra), ==, 9);
  attributes = label_get_attributes (label);
  g_assert_cmpuint (g_variant_n_children (attributes), ==, 1);
  weights = label_get_weights (label);
  g_assert_cmpuint (g_variant_n_children (weights), ==, 2);
  anchor = label_get_anchor (label);
  g_assert_cmpint (point_get_y (anchor), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("The code ro-repc generates, at run time");

  for (guint i = 0; i < G_N_ELEMENTS (generated); i++)
    {
      g_autofree char *path = g_strdup_printf ("/Repc/Generated/signature/%s", generated[i].name);

      g_test_add_data_func (path, &generated[i], test_signature);
    }
  g_test_add_func ("/Repc/Generated/thermostat-interface", test_thermostat_interface);
  g_test_add_func ("/Repc/Generated/names", test_names);
  g_test_add_func ("/Repc/Generated/source-setters", test_source_setters);
  g_test_add_func ("/Repc/Generated/constant", test_constant);
  g_test_add_func ("/Repc/Generated/enum-without-zero", test_enum_without_zero);
  g_test_add_func ("/Repc/Generated/slots", test_slots);
  g_test_add_func ("/Repc/Generated/replica-defaults", test_replica_defaults);
  g_test_add_func ("/Repc/Generated/pods", test_pods);

  return g_test_run ();
}
