/* thermostat-impl.c: a generated ThermostatSource whose slots work
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * What an application does with ro-repc's output: subclass the generated
 * source and override the slots' virtual functions. It adds no property
 * and no signal, so its interface is still the one of thermostat.rep.
 */

#include <stdlib.h>

#include "repc-daemon.h"
#include "thermostat-impl.h"

struct _TestThermostat
{
  ThermostatSource parent_instance;
};

G_DEFINE_FINAL_TYPE (TestThermostat, test_thermostat, THERMOSTAT_TYPE_SOURCE)

static double
test_thermostat_heat (ThermostatSource *source,
                      double            degrees)
{
  double temperature = thermostat_source_get_temperature (source) + degrees;

  thermostat_source_set_temperature (source, temperature);
  if (temperature > 30)
    thermostat_source_emit_overheat (source, "too hot", temperature);
  return temperature;
}

/* A NULL prefix gives a NULL answer: strings are nullable both ways. */
static char *
test_thermostat_describe (ThermostatSource *source,
                          const char       *prefix)
{
  if (prefix == NULL)
    return NULL;
  return g_strdup_printf ("%s: %s %.1f", prefix, thermostat_source_get_room (source),
                          thermostat_source_get_temperature (source));
}

static ThermostatMode
test_thermostat_cycle_mode (ThermostatSource *source)
{
  ThermostatMode mode;

  switch (thermostat_source_get_mode (source))
    {
    case THERMOSTAT_MODE_OFF: mode = THERMOSTAT_MODE_HEAT; break;
    case THERMOSTAT_MODE_HEAT: mode = THERMOSTAT_MODE_COOL; break;
    case THERMOSTAT_MODE_COOL:
    default:
      mode = THERMOSTAT_MODE_OFF;
      break;
    }
  thermostat_source_set_mode (source, mode);
  thermostat_source_emit_mode_switched (source, mode);
  return mode;
}

static void
test_thermostat_reset (ThermostatSource *source)
{
  g_object_freeze_notify (G_OBJECT (source));
  thermostat_source_set_temperature (source, 20.0);
  thermostat_source_set_target (source, 21.5);
  g_object_thaw_notify (G_OBJECT (source));
}

static void
test_thermostat_class_init (TestThermostatClass *klass)
{
  ThermostatSourceClass *source_class = THERMOSTAT_SOURCE_CLASS (klass);

  source_class->heat = test_thermostat_heat;
  source_class->describe = test_thermostat_describe;
  source_class->cycle_mode = test_thermostat_cycle_mode;
  source_class->reset = test_thermostat_reset;
}

static void
test_thermostat_init (TestThermostat *self)
{
}

TestThermostat *
test_thermostat_new (const char *serial)
{
  return g_object_new (TEST_TYPE_THERMOSTAT, "serial", serial, NULL);
}

GObject *
repc_daemon_make_source (void)
{
  return G_OBJECT (test_thermostat_new ("SN-7"));
}

gboolean
repc_daemon_command (GObject    *source,
                     const char *word,
                     const char *arg)
{
  if (g_str_equal (word, "temp") && arg != NULL)
    thermostat_source_set_temperature (THERMOSTAT_SOURCE (source), g_ascii_strtod (arg, NULL));
  else if (g_str_equal (word, "overheat") && arg != NULL)
    thermostat_source_emit_overheat (THERMOSTAT_SOURCE (source), arg, 99);
  else
    return FALSE;
  return TRUE;
}
