/* gps-viewer.c: a GTK 4 window bound to a GPS replica
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   ro-gps-viewer [--url URL | --registry URL] [--quit-after SECONDS]
 *
 * Shows the GPS that ro-gps-daemon shares. Every widget is bound to a
 * property of the GpsReplica with g_object_bind_property(): the replica is
 * an ordinary GObject, so no code here reads a value or handles a
 * message. The window shows the replica's state too (waiting, live,
 * lost): when the daemon goes away, the values grey out and keep their
 * last value; when it comes back, the node reconnects by itself and the
 * values are live again. The update interval is bound both ways: turning
 * the spin button asks the daemon, and every viewer follows the daemon.
 *
 * State changes are printed on stdout too, for the tests.
 */

#include <math.h>

#include <gtk/gtk.h>

#include "gps.h"

#define DEFAULT_URL "local:gps"
#define SOURCE_NAME "Gps"

typedef struct
{
  char *url;
  char *registry;
  int quit_after;

  RoNode *node;
  GpsReplica *gps;
  GtkLabel *event;
} Viewer;

/* Transformations from the replica's values to the labels' text */

static gboolean
latitude_to_text (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      data)
{
  double latitude = g_value_get_double (from);

  g_value_take_string (to, g_strdup_printf ("%.6f° %c", fabs (latitude), latitude < 0 ? 'S' : 'N'));
  return TRUE;
}

static gboolean
longitude_to_text (GBinding     *binding,
                   const GValue *from,
                   GValue       *to,
                   gpointer      data)
{
  double longitude = g_value_get_double (from);

  g_value_take_string (to, g_strdup_printf ("%.6f° %c", fabs (longitude), longitude < 0 ? 'W' : 'E'));
  return TRUE;
}

static gboolean
altitude_to_text (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      data)
{
  g_value_take_string (to, g_strdup_printf ("%.1f m", g_value_get_double (from)));
  return TRUE;
}

static gboolean
speed_to_text (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      data)
{
  double speed = g_value_get_double (from);

  g_value_take_string (to, g_strdup_printf ("%.1f km/h (%.2f m/s)", speed * 3.6, speed));
  return TRUE;
}

static gboolean
heading_to_text (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      data)
{
  g_value_take_string (to, g_strdup_printf ("%.0f°", g_value_get_double (from)));
  return TRUE;
}

static gboolean
int_to_text (GBinding     *binding,
             const GValue *from,
             GValue       *to,
             gpointer      data)
{
  g_value_take_string (to, g_strdup_printf ("%d", g_value_get_int (from)));
  return TRUE;
}

static gboolean
time_to_text (GBinding     *binding,
              const GValue *from,
              GValue       *to,
              gpointer      data)
{
  const char *time = g_value_get_string (from);

  g_value_set_string (to, time != NULL ? time : "--:--:--");
  return TRUE;
}

static gboolean
enum_to_text (GBinding     *binding,
              const GValue *from,
              GValue       *to,
              gpointer      data)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (G_VALUE_TYPE (from));
  GEnumValue *value = g_enum_get_value (klass, g_value_get_enum (from));

  g_value_set_string (to, value != NULL ? value->value_nick : "");
  return TRUE;
}

static const char *
state_text (RoReplicaState state)
{
  switch (state)
    {
    case RO_REPLICA_STATE_VALID:
      return "Live";
    case RO_REPLICA_STATE_SUSPECT:
      return "Lost — waiting for the daemon to come back";
    case RO_REPLICA_STATE_SIGNATURE_MISMATCH:
      return "The daemon has another interface than gps.rep";
    case RO_REPLICA_STATE_UNINITIALIZED:
    case RO_REPLICA_STATE_DEFAULT:
    default:
      return "Waiting for the GPS daemon…";
    }
}

static gboolean
state_to_text (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      data)
{
  g_value_set_string (to, state_text (g_value_get_enum (from)));
  return TRUE;
}

/* Values of a replica that is not live are old: grey them out. */
static gboolean
state_to_sensitive (GBinding     *binding,
                    const GValue *from,
                    GValue       *to,
                    gpointer      data)
{
  g_value_set_boolean (to, g_value_get_enum (from) == RO_REPLICA_STATE_VALID);
  return TRUE;
}

/* One row of the grid: a caption, and a label bound to a property. */
static GtkWidget *
add_row (GtkGrid                *grid,
         int                     row,
         const char             *caption,
         GpsReplica             *gps,
         const char             *property,
         GBindingTransformFunc   transform)
{
  GtkWidget *name = gtk_label_new (caption);
  GtkWidget *value = gtk_label_new (NULL);

  gtk_widget_set_halign (name, GTK_ALIGN_END);
  gtk_widget_add_css_class (name, "dim-label");
  gtk_widget_set_halign (value, GTK_ALIGN_START);
  gtk_label_set_selectable (GTK_LABEL (value), TRUE);
  gtk_grid_attach (grid, name, 0, row, 1, 1);
  gtk_grid_attach (grid, value, 1, row, 1, 1);

  g_object_bind_property_full (gps, property, value, "label", G_BINDING_SYNC_CREATE,
                               transform, NULL, NULL, NULL);
  return value;
}

/* The window shows the state through a binding; stdout too, for the
 * tests. */
static void
state_changed_cb (RoReplica      *replica,
                  RoReplicaState  state,
                  RoReplicaState  old_state,
                  gpointer        data)
{
  g_print ("state: %s\n", state_text (state));
}

static void
fix_lost_cb (GpsReplica *gps,
             gpointer    data)
{
  Viewer *self = data;
  g_autofree char *time = gps_replica_dup_time (gps);
  g_autofree char *text = g_strdup_printf ("Fix lost at %s", time != NULL ? time : "--:--:--");

  gtk_label_set_label (self->event, text);
}

static void
fix_acquired_cb (GpsReplica   *gps,
                 GpsFixStatus  status,
                 gpointer      data)
{
  Viewer *self = data;
  g_autofree char *time = gps_replica_dup_time (gps);
  g_autofree char *text = g_strdup_printf ("Fix acquired at %s", time != NULL ? time : "--:--:--");

  gtk_label_set_label (self->event, text);
}

static GtkWidget *
build_window (GtkApplication *app,
              Viewer         *self)
{
  GtkWidget *window = gtk_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *state = gtk_label_new (NULL);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *satellites = gtk_level_bar_new_for_interval (0, 12);
  GtkWidget *interval = gtk_spin_button_new_with_range (100, 10000, 100);
  GtkWidget *interval_caption = gtk_label_new ("Update every (ms)");
  GtkWidget *event = gtk_label_new (NULL);
  GpsReplica *gps = self->gps;
  int row = 0;

  gtk_window_set_title (GTK_WINDOW (window), "GPS");
  gtk_window_set_default_size (GTK_WINDOW (window), 380, -1);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_window_set_child (GTK_WINDOW (window), box);

  gtk_widget_add_css_class (state, "title-3");
  g_object_bind_property_full (gps, "state", state, "label", G_BINDING_SYNC_CREATE,
                               state_to_text, NULL, NULL, NULL);
  gtk_box_append (GTK_BOX (box), state);

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  g_object_bind_property_full (gps, "state", grid, "sensitive", G_BINDING_SYNC_CREATE,
                               state_to_sensitive, NULL, NULL, NULL);
  gtk_box_append (GTK_BOX (box), grid);

  add_row (GTK_GRID (grid), row++, "Latitude", gps, "latitude", latitude_to_text);
  add_row (GTK_GRID (grid), row++, "Longitude", gps, "longitude", longitude_to_text);
  add_row (GTK_GRID (grid), row++, "Altitude", gps, "altitude", altitude_to_text);
  add_row (GTK_GRID (grid), row++, "Speed", gps, "speed", speed_to_text);
  add_row (GTK_GRID (grid), row++, "Heading", gps, "heading", heading_to_text);
  add_row (GTK_GRID (grid), row++, "Fix", gps, "fix-status", enum_to_text);
  add_row (GTK_GRID (grid), row++, "Satellites", gps, "satellites-in-view", int_to_text);
  add_row (GTK_GRID (grid), row++, "Time (UTC)", gps, "time", time_to_text);
  add_row (GTK_GRID (grid), row++, "Source", gps, "origin", NULL);

  /* An int to a double: GBinding's default transformation is enough. */
  g_object_bind_property (gps, "satellites-in-view", satellites, "value", G_BINDING_SYNC_CREATE);
  gtk_grid_attach (GTK_GRID (grid), satellites, 1, row++, 1, 1);

  /* Both ways: setting update-interval on the replica asks the daemon,
   * whose answer comes back to every replica (this one included). */
  gtk_widget_set_halign (interval_caption, GTK_ALIGN_END);
  gtk_widget_add_css_class (interval_caption, "dim-label");
  gtk_grid_attach (GTK_GRID (grid), interval_caption, 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), interval, 1, row++, 1, 1);
  g_object_bind_property (gps, "update-interval",
                          gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (interval)), "value",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);

  gtk_widget_add_css_class (event, "dim-label");
  gtk_box_append (GTK_BOX (box), event);
  self->event = GTK_LABEL (event);

  return window;
}

static gboolean
quit_cb (gpointer app)
{
  g_application_quit (app);
  return G_SOURCE_REMOVE;
}

static void
activate_cb (GtkApplication *app,
             gpointer        data)
{
  Viewer *self = data;
  g_autoptr(GError) error = NULL;
  gboolean connected;

  if (self->node != NULL)
    return;

  self->node = ro_node_new ();
  if (self->registry != NULL)
    connected = ro_node_set_registry_url (self->node, self->registry, &error);
  else
    connected = ro_node_connect_to_node (self->node, self->url != NULL ? self->url : DEFAULT_URL, &error);
  if (!connected)
    {
      g_printerr ("ro-gps-viewer: %s\n", error->message);
      return;
    }

  /* A replica that follows the source whenever it is there. */
  self->gps = gps_replica_acquire (self->node, SOURCE_NAME);
  g_signal_connect (self->gps, "state-changed", G_CALLBACK (state_changed_cb), self);
  g_signal_connect (self->gps, "fix-lost", G_CALLBACK (fix_lost_cb), self);
  g_signal_connect (self->gps, "fix-acquired", G_CALLBACK (fix_acquired_cb), self);

  gtk_window_present (GTK_WINDOW (build_window (app, self)));
  g_print ("state: Waiting for the source “%s” at %s\n", SOURCE_NAME,
           self->registry != NULL ? self->registry : self->url != NULL ? self->url : DEFAULT_URL);

  if (self->quit_after > 0)
    g_timeout_add_seconds (self->quit_after, quit_cb, app);
}

static int
handle_local_options_cb (GApplication *app,
                         GVariantDict *options,
                         gpointer      data)
{
  Viewer *self = data;

  if (self->url != NULL && self->registry != NULL)
    {
      g_printerr ("ro-gps-viewer: give --url or --registry, not both\n");
      return 2;
    }
  return -1;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkApplication) app = NULL;
  Viewer self = { 0 };
  int status;
  const GOptionEntry entries[] = {
    { "url", 0, 0, G_OPTION_ARG_STRING, &self.url, "Connect to the daemon at URL (default " DEFAULT_URL ")", "URL" },
    { "registry", 0, 0, G_OPTION_ARG_STRING, &self.registry, "Find the daemon through the registry at URL", "URL" },
    { "quit-after", 0, 0, G_OPTION_ARG_INT, &self.quit_after, "Close after SECONDS", "SECONDS" },
    { NULL }
  };

  /* Several viewers may run at once. */
  app = gtk_application_new ("org.gnome.RoGlib.GpsViewer", G_APPLICATION_NON_UNIQUE);
  g_application_add_main_option_entries (G_APPLICATION (app), entries);
  g_application_set_option_context_summary (G_APPLICATION (app),
                                            "Shows the GPS receiver that ro-gps-daemon shares.");
  g_signal_connect (app, "handle-local-options", G_CALLBACK (handle_local_options_cb), &self);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), &self);

  status = g_application_run (G_APPLICATION (app), argc, argv);

  if (self.gps != NULL)
    g_signal_handlers_disconnect_by_data (self.gps, &self);
  g_clear_object (&self.gps);
  g_clear_object (&self.node);
  g_free (self.url);
  g_free (self.registry);
  return status;
}
