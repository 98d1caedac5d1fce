/* thermostat-daemon.c: share a plain GObject, no code generation
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   ro-thermostat-daemon [URL]     (default local:thermostat)
 *
 * The temperature drifts every second; replicas may push "target" and call
 * "heat" (an action signal, so a method).
 */

#include <locale.h>

#include <ro-glib/ro-glib.h>

#define THERMOSTAT_TYPE (thermostat_get_type ())
G_DECLARE_FINAL_TYPE (Thermostat, thermostat, THERMOSTAT, OBJECT, GObject)

struct _Thermostat
{
  GObject parent_instance;
  double temperature;
  double target;
};

G_DEFINE_FINAL_TYPE (Thermostat, thermostat, G_TYPE_OBJECT)

enum { PROP_0, PROP_TEMPERATURE, PROP_TARGET, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
thermostat_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  Thermostat *self = THERMOSTAT_OBJECT (object);

  switch (prop_id)
    {
    case PROP_TEMPERATURE: g_value_set_double (value, self->temperature); break;
    case PROP_TARGET: g_value_set_double (value, self->target); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thermostat_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  Thermostat *self = THERMOSTAT_OBJECT (object);

  switch (prop_id)
    {
    case PROP_TARGET:
      self->target = g_value_get_double (value);
      g_object_notify_by_pspec (object, pspec);
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static double
thermostat_heat (Thermostat *self, double degrees)
{
  self->temperature += degrees;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEMPERATURE]);
  return self->temperature;
}

static void
thermostat_class_init (ThermostatClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = thermostat_get_property;
  object_class->set_property = thermostat_set_property;

  properties[PROP_TEMPERATURE] = g_param_spec_double ("temperature", NULL, NULL, -100, 100, 20,
                                                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TARGET] = g_param_spec_double ("target", NULL, NULL, -100, 100, 21,
                                                 G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* An action signal is a method that replicas can call. */
  g_signal_new_class_handler ("heat", THERMOSTAT_TYPE, G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                              G_CALLBACK (thermostat_heat), NULL, NULL, NULL,
                              G_TYPE_DOUBLE, 1, G_TYPE_DOUBLE);
}

static void
thermostat_init (Thermostat *self)
{
  self->temperature = 20;
  self->target = 21;
}

static gboolean
drift_cb (gpointer data)
{
  Thermostat *self = data;

  /* Moves a tenth of a degree towards the target. */
  thermostat_heat (self, self->temperature < self->target ? 0.1 : -0.1);
  return G_SOURCE_CONTINUE;
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoHost) host = NULL;
  g_autoptr(Thermostat) thermostat = NULL;
  g_autoptr(GMainLoop) loop = NULL;

  setlocale (LC_ALL, "");
  host = ro_host_new (argc > 1 ? argv[1] : "local:thermostat", &error);
  if (host == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  thermostat = g_object_new (THERMOSTAT_TYPE, NULL);
  if (!ro_host_enable_remoting (host, G_OBJECT (thermostat), "Thermostat", &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  g_print ("Sharing “Thermostat” at %s\n", ro_host_get_url (host));
  g_timeout_add_seconds (1, drift_cb, thermostat);
  loop = g_main_loop_new (NULL, FALSE);
  g_main_loop_run (loop);
  return 0;
}
