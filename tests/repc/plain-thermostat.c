/* plain-thermostat.c: the interface of thermostat.rep, written by hand
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A plain GObject, built without ro-repc, that a replica generated from
 * thermostat.rep accepts: same property names, types and modes, same
 * signals and action signals, and an enum type of the same name and nicks.
 */

#include "repc-daemon.h"

typedef enum {
  PLAIN_MODE_OFF = 0,
  PLAIN_MODE_HEAT = 1,
  PLAIN_MODE_COOL = 4,
} PlainMode;

static GType
plain_mode_get_type (void)
{
  static gsize type_id;
  static const GEnumValue values[] = {
    { PLAIN_MODE_OFF, "PLAIN_MODE_OFF", "off" },
    { PLAIN_MODE_HEAT, "PLAIN_MODE_HEAT", "heat" },
    { PLAIN_MODE_COOL, "PLAIN_MODE_COOL", "cool" },
    { 0, NULL, NULL },
  };

  /* The type name is part of the interface: the generated one is
   * ThermostatMode. */
  if (g_once_init_enter (&type_id))
    g_once_init_leave (&type_id, g_enum_register_static ("ThermostatMode", values));
  return type_id;
}

#define PLAIN_TYPE_THERMOSTAT (plain_thermostat_get_type ())
G_DECLARE_FINAL_TYPE (PlainThermostat, plain_thermostat, PLAIN, THERMOSTAT, GObject)

struct _PlainThermostat
{
  GObject parent_instance;
  double temperature;
  double target;
  char *room;
  PlainMode mode;
  char *serial;
  char **presets;
};

G_DEFINE_FINAL_TYPE (PlainThermostat, plain_thermostat, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TEMPERATURE,
  PROP_TARGET,
  PROP_ROOM,
  PROP_MODE,
  PROP_SERIAL,
  PROP_PRESETS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_OVERHEAT,
  SIGNAL_MODE_SWITCHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
plain_thermostat_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PlainThermostat *self = PLAIN_THERMOSTAT (object);

  switch (prop_id)
    {
    case PROP_TEMPERATURE: g_value_set_double (value, self->temperature); break;
    case PROP_TARGET: g_value_set_double (value, self->target); break;
    case PROP_ROOM: g_value_set_string (value, self->room); break;
    case PROP_MODE: g_value_set_enum (value, self->mode); break;
    case PROP_SERIAL: g_value_set_string (value, self->serial); break;
    case PROP_PRESETS: g_value_set_boxed (value, self->presets); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
plain_thermostat_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PlainThermostat *self = PLAIN_THERMOSTAT (object);

  switch (prop_id)
    {
    case PROP_TARGET:
      self->target = g_value_get_double (value);
      break;
    case PROP_ROOM:
      g_free (self->room);
      self->room = g_value_dup_string (value);
      break;
    case PROP_MODE:
      self->mode = g_value_get_enum (value);
      break;
    case PROP_SERIAL:
      self->serial = g_value_dup_string (value);
      return;
    case PROP_PRESETS:
      g_strfreev (self->presets);
      self->presets = g_value_dup_boxed (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  g_object_notify_by_pspec (object, pspec);
}

static void
plain_thermostat_finalize (GObject *object)
{
  PlainThermostat *self = PLAIN_THERMOSTAT (object);

  g_free (self->room);
  g_free (self->serial);
  g_strfreev (self->presets);

  G_OBJECT_CLASS (plain_thermostat_parent_class)->finalize (object);
}

static double
plain_thermostat_heat (PlainThermostat *self,
                       double           degrees)
{
  self->temperature += degrees;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEMPERATURE]);
  return self->temperature;
}

static char *
plain_thermostat_describe (PlainThermostat *self,
                           const char      *prefix)
{
  return g_strdup_printf ("plain %s: %s", prefix, self->room);
}

static PlainMode
plain_thermostat_cycle_mode (PlainThermostat *self)
{
  self->mode = self->mode == PLAIN_MODE_OFF ? PLAIN_MODE_HEAT
               : self->mode == PLAIN_MODE_HEAT ? PLAIN_MODE_COOL : PLAIN_MODE_OFF;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
  g_signal_emit (self, signals[SIGNAL_MODE_SWITCHED], 0, self->mode);
  return self->mode;
}

static void
plain_thermostat_reset (PlainThermostat *self)
{
  self->temperature = 20;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEMPERATURE]);
}

static void
plain_thermostat_class_init (PlainThermostatClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GType type = G_TYPE_FROM_CLASS (klass);

  object_class->get_property = plain_thermostat_get_property;
  object_class->set_property = plain_thermostat_set_property;
  object_class->finalize = plain_thermostat_finalize;

  properties[PROP_TEMPERATURE] =
    g_param_spec_double ("temperature", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 20,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TARGET] =
    g_param_spec_double ("target", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 21.5,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROOM] =
    g_param_spec_string ("room", NULL, NULL, "kitchen",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODE] =
    g_param_spec_enum ("mode", NULL, NULL, plain_mode_get_type (), PLAIN_MODE_HEAT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SERIAL] =
    g_param_spec_string ("serial", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PRESETS] =
    g_param_spec_boxed ("presets", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  /* Writable, yet replicas may only push it: the one mode flags cannot say. */
  ro_param_spec_set_property_mode (properties[PROP_ROOM], RO_PROPERTY_MODE_READPUSH);

  signals[SIGNAL_OVERHEAT] =
    g_signal_new ("overheat", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_DOUBLE);
  signals[SIGNAL_MODE_SWITCHED] =
    g_signal_new ("mode-switched", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, plain_mode_get_type ());

  /* Action signals are the slots. */
  g_signal_new_class_handler ("heat", type, G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                              G_CALLBACK (plain_thermostat_heat), NULL, NULL, NULL,
                              G_TYPE_DOUBLE, 1, G_TYPE_DOUBLE);
  g_signal_new_class_handler ("describe", type, G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                              G_CALLBACK (plain_thermostat_describe), NULL, NULL, NULL,
                              G_TYPE_STRING, 1, G_TYPE_STRING);
  g_signal_new_class_handler ("cycle-mode", type, G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                              G_CALLBACK (plain_thermostat_cycle_mode), NULL, NULL, NULL,
                              plain_mode_get_type (), 0);
  g_signal_new_class_handler ("reset", type, G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                              G_CALLBACK (plain_thermostat_reset), NULL, NULL, NULL,
                              G_TYPE_NONE, 0);
}

static void
plain_thermostat_init (PlainThermostat *self)
{
  self->temperature = 20;
  self->target = 21.5;
  self->room = g_strdup ("kitchen");
  self->mode = PLAIN_MODE_HEAT;
}

GObject *
repc_daemon_make_source (void)
{
  return g_object_new (PLAIN_TYPE_THERMOSTAT, "serial", "SN-7", NULL);
}

gboolean
repc_daemon_command (GObject    *source,
                     const char *word,
                     const char *arg)
{
  PlainThermostat *self = PLAIN_THERMOSTAT (source);

  if (g_str_equal (word, "temp") && arg != NULL)
    {
      self->temperature = g_ascii_strtod (arg, NULL);
      g_object_notify_by_pspec (source, properties[PROP_TEMPERATURE]);
    }
  else if (g_str_equal (word, "overheat") && arg != NULL)
    g_signal_emit (self, signals[SIGNAL_OVERHEAT], 0, arg, 99.0);
  else
    return FALSE;
  return TRUE;
}
