/* test-types.c: types shared by the tests and the test daemon
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "test-types.h"

GType
test_color_get_type (void)
{
  static gsize type;
  static const GEnumValue values[] = {
    { TEST_COLOR_RED, "TEST_COLOR_RED", "red" },
    { TEST_COLOR_GREEN, "TEST_COLOR_GREEN", "green" },
    { TEST_COLOR_BLUE, "TEST_COLOR_BLUE", "blue" },
    { 0, NULL, NULL },
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("TestColor", values));
  return type;
}

GType
test_style_get_type (void)
{
  static gsize type;
  static const GFlagsValue values[] = {
    { TEST_STYLE_BOLD, "TEST_STYLE_BOLD", "bold" },
    { TEST_STYLE_ITALIC, "TEST_STYLE_ITALIC", "italic" },
    { 0, NULL, NULL },
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_flags_register_static ("TestStyle", values));
  return type;
}

struct _TestThing
{
  GObject parent_instance;

  int count;
  double temperature;
  char *room;
  char *serial;
  TestColor color;
  TestStyle style;
  char **tags;
  GVariant *extra;
  GBytes *blob;
  guint64 big;
  GObject *buddy;
  guint n_cancelled;
};

G_DEFINE_FINAL_TYPE (TestThing, test_thing, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_COUNT,
  PROP_TEMPERATURE,
  PROP_ROOM,
  PROP_SERIAL,
  PROP_COLOR,
  PROP_STYLE,
  PROP_TAGS,
  PROP_EXTRA,
  PROP_BLOB,
  PROP_BIG,
  PROP_BUDDY,
  PROP_SECRET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_OVERHEAT,
  SIGNAL_PAINTED,
  SIGNAL_NOT_REMOTED,
  SIGNAL_ADD,
  SIGNAL_HEAT,
  SIGNAL_ECHO_LATER,
  SIGNAL_FAIL,
  SIGNAL_BURST,
  SIGNAL_GROUP,
  SIGNAL_WAIT_CANCEL,
  SIGNAL_SAW_CANCEL,
  SIGNAL_FORGET,
  SIGNAL_REPLY_TWICE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
test_thing_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  TestThing *self = TEST_THING (object);

  switch (prop_id)
    {
    case PROP_COUNT: g_value_set_int (value, self->count); break;
    case PROP_TEMPERATURE: g_value_set_double (value, self->temperature); break;
    case PROP_ROOM: g_value_set_string (value, self->room); break;
    case PROP_SERIAL: g_value_set_string (value, self->serial); break;
    case PROP_COLOR: g_value_set_enum (value, self->color); break;
    case PROP_STYLE: g_value_set_flags (value, self->style); break;
    case PROP_TAGS: g_value_set_boxed (value, self->tags); break;
    case PROP_EXTRA: g_value_set_variant (value, self->extra); break;
    case PROP_BLOB: g_value_set_boxed (value, self->blob); break;
    case PROP_BIG: g_value_set_uint64 (value, self->big); break;
    case PROP_BUDDY: g_value_set_object (value, self->buddy); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
test_thing_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  TestThing *self = TEST_THING (object);

  switch (prop_id)
    {
    case PROP_COUNT: test_thing_set_count (self, g_value_get_int (value)); break;
    case PROP_ROOM:
      g_free (self->room);
      self->room = g_value_dup_string (value);
      g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_SERIAL: g_free (self->serial); self->serial = g_value_dup_string (value); break;
    case PROP_COLOR: self->color = g_value_get_enum (value); g_object_notify_by_pspec (object, pspec); break;
    case PROP_STYLE: self->style = g_value_get_flags (value); g_object_notify_by_pspec (object, pspec); break;
    case PROP_TAGS:
      g_strfreev (self->tags);
      self->tags = g_value_dup_boxed (value);
      g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_EXTRA:
      g_clear_pointer (&self->extra, g_variant_unref);
      self->extra = g_value_dup_variant (value);
      g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_BLOB:
      g_clear_pointer (&self->blob, g_bytes_unref);
      self->blob = g_value_dup_boxed (value);
      g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_BIG: self->big = g_value_get_uint64 (value); g_object_notify_by_pspec (object, pspec); break;
    case PROP_BUDDY: g_set_object (&self->buddy, g_value_get_object (value)); break;
    case PROP_SECRET: break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
test_thing_finalize (GObject *object)
{
  TestThing *self = TEST_THING (object);

  g_free (self->room);
  g_free (self->serial);
  g_strfreev (self->tags);
  g_clear_pointer (&self->extra, g_variant_unref);
  g_clear_pointer (&self->blob, g_bytes_unref);
  g_clear_object (&self->buddy);

  G_OBJECT_CLASS (test_thing_parent_class)->finalize (object);
}

static int
test_thing_add (TestThing *self,
                int        a,
                int        b)
{
  return a + b;
}

static double
test_thing_heat (TestThing *self,
                 double     degrees)
{
  test_thing_set_temperature (self, self->temperature + degrees);
  if (self->temperature > 30)
    g_signal_emit (self, signals[SIGNAL_OVERHEAT], 0, "too hot", self->temperature);
  return self->temperature;
}

static gboolean
echo_later_cb (gpointer data)
{
  RoInvocation *invocation = data;
  const char *text;

  /* GObject strings are nullable: they travel as "ms". */
  g_variant_get (ro_invocation_get_parameters (invocation), "(m&s)", &text);
  ro_invocation_return_value (invocation, g_variant_new ("(s)", text));
  return G_SOURCE_REMOVE;
}

/* Replies from a timeout, after the handler returned. */
static char *
test_thing_echo_later (TestThing    *self,
                       RoInvocation *invocation,
                       const char   *text)
{
  g_timeout_add_full (G_PRIORITY_DEFAULT, 50, echo_later_cb,
                      g_object_ref (invocation), g_object_unref);
  return NULL;
}

static void
test_thing_fail (TestThing    *self,
                 RoInvocation *invocation,
                 const char   *why)
{
  ro_invocation_return_error (invocation, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "refused: %s", why);
}

/* Sets @count n times, one value after another, in one dispatch. */
static void
test_thing_burst (TestThing *self,
                  int        n)
{
  for (int i = 1; i <= n; i++)
    test_thing_set_count (self, i);
}

/* Changes two properties in one notify group. */
static void
test_thing_group (TestThing *self,
                  int        count,
                  double     temperature)
{
  g_object_freeze_notify (G_OBJECT (self));
  test_thing_set_count (self, count);
  test_thing_set_temperature (self, temperature);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
wait_cancelled_cb (GCancellable *cancellable,
                   TestThing    *self)
{
  self->n_cancelled++;
  g_signal_emit (self, signals[SIGNAL_SAW_CANCEL], 0, self->n_cancelled);
  /* Done waiting: the invocation holds its cancellable, so the reference
   * kept on the cancellable must go, or the two keep each other. */
  g_object_set_data (G_OBJECT (cancellable), "invocation", NULL);
}

/* Never replies until the caller cancels; counts the cancellations. */
static void
test_thing_wait_cancel (TestThing    *self,
                        RoInvocation *invocation)
{
  GCancellable *cancellable = ro_invocation_get_cancellable (invocation);

  g_object_set_data_full (G_OBJECT (cancellable), "invocation", g_object_ref (invocation), g_object_unref);
  g_cancellable_connect (cancellable, G_CALLBACK (wait_cancelled_cb), self, NULL);
}

/* Neither replies nor keeps the invocation. */
static void
test_thing_forget (TestThing    *self,
                   RoInvocation *invocation)
{
}

/* Replies, then replies again: a programming error. */
static void
test_thing_reply_twice (TestThing    *self,
                        RoInvocation *invocation)
{
  ro_invocation_return_value (invocation, g_variant_new ("(i)", 1));
  ro_invocation_return_value (invocation, g_variant_new ("(i)", 2));
}

static void
test_thing_class_init (TestThingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GType type = G_TYPE_FROM_CLASS (klass);

  object_class->get_property = test_thing_get_property;
  object_class->set_property = test_thing_set_property;
  object_class->finalize = test_thing_finalize;

  properties[PROP_COUNT] = g_param_spec_int ("count", NULL, NULL, G_MININT, G_MAXINT, 0,
                                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEMPERATURE] = g_param_spec_double ("temperature", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 20,
                                                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROOM] = g_param_spec_string ("room", NULL, NULL, NULL,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SERIAL] = g_param_spec_string ("serial", NULL, NULL, NULL,
                                                 G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLOR] = g_param_spec_enum ("color", NULL, NULL, TEST_TYPE_COLOR, TEST_COLOR_RED,
                                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STYLE] = g_param_spec_flags ("style", NULL, NULL, TEST_TYPE_STYLE, 0,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TAGS] = g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV,
                                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXTRA] = g_param_spec_variant ("extra", NULL, NULL, G_VARIANT_TYPE_ANY, NULL,
                                                 G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BLOB] = g_param_spec_boxed ("blob", NULL, NULL, G_TYPE_BYTES,
                                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BIG] = g_param_spec_uint64 ("big", NULL, NULL, 0, G_MAXUINT64, 0,
                                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Neither of these can be remoted: an object, and a write-only value. */
  properties[PROP_BUDDY] = g_param_spec_object ("buddy", NULL, NULL, G_TYPE_OBJECT,
                                                G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SECRET] = g_param_spec_int ("secret", NULL, NULL, 0, 10, 0,
                                              G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_OVERHEAT] =
    g_signal_new ("overheat", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_DOUBLE);
  signals[SIGNAL_PAINTED] =
    g_signal_new ("painted", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, TEST_TYPE_COLOR);
  signals[SIGNAL_NOT_REMOTED] =
    g_signal_new ("met-buddy", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_OBJECT);
  signals[SIGNAL_SAW_CANCEL] =
    g_signal_new ("saw-cancel", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[SIGNAL_FORGET] =
    g_signal_new_class_handler ("forget", type, G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                                G_CALLBACK (test_thing_forget), NULL, NULL, NULL,
                                G_TYPE_NONE, 1, RO_TYPE_INVOCATION);
  signals[SIGNAL_REPLY_TWICE] =
    g_signal_new_class_handler ("reply-twice", type, G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                                G_CALLBACK (test_thing_reply_twice), NULL, NULL, NULL,
                                G_TYPE_INT, 1, RO_TYPE_INVOCATION);
  signals[SIGNAL_ADD] =
    g_signal_new_class_handler ("add", type, G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                                G_CALLBACK (test_thing_add), NULL, NULL, NULL,
                                G_TYPE_INT, 2, G_TYPE_INT, G_TYPE_INT);
  signals[SIGNAL_HEAT] =
    g_signal_new_class_handler ("heat", type, G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                                G_CALLBACK (test_thing_heat), NULL, NULL, NULL,
                                G_TYPE_DOUBLE, 1, G_TYPE_DOUBLE);
  signals[SIGNAL_ECHO_LATER] =
    g_signal_new_class_handler ("echo-later", type, G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                                G_CALLBACK (test_thing_echo_later), NULL, NULL, NULL,
                                G_TYPE_STRING, 2, RO_TYPE_INVOCATION, G_TYPE_STRING);
  signals[SIGNAL_FAIL] =
    g_signal_new_class_handler ("fail", type, G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                                G_CALLBACK (test_thing_fail), NULL, NULL, NULL,
                                G_TYPE_NONE, 2, RO_TYPE_INVOCATION, G_TYPE_STRING);
  signals[SIGNAL_BURST] =
    g_signal_new_class_handler ("burst", type, G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                                G_CALLBACK (test_thing_burst), NULL, NULL, NULL,
                                G_TYPE_NONE, 1, G_TYPE_INT);
  signals[SIGNAL_GROUP] =
    g_signal_new_class_handler ("group", type, G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                                G_CALLBACK (test_thing_group), NULL, NULL, NULL,
                                G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_DOUBLE);
  signals[SIGNAL_WAIT_CANCEL] =
    g_signal_new_class_handler ("wait-cancel", type, G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                                G_CALLBACK (test_thing_wait_cancel), NULL, NULL, NULL,
                                G_TYPE_NONE, 1, RO_TYPE_INVOCATION);
}

static void
test_thing_init (TestThing *self)
{
  self->temperature = 20;
  self->room = g_strdup ("kitchen");
}

TestThing *
test_thing_new (const char *serial)
{
  return g_object_new (TEST_TYPE_THING, "serial", serial, NULL);
}

void
test_thing_set_count (TestThing *self,
                      int        count)
{
  self->count = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
}

void
test_thing_set_temperature (TestThing *self,
                            double     temperature)
{
  self->temperature = temperature;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEMPERATURE]);
}

void
test_thing_emit_overheat (TestThing  *self,
                          const char *reason,
                          double      temperature)
{
  g_signal_emit (self, signals[SIGNAL_OVERHEAT], 0, reason, temperature);
}

guint
test_thing_get_n_cancelled (TestThing *self)
{
  return self->n_cancelled;
}
