/* thermostat-client.c: follow a remote thermostat with a replica
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   ro-thermostat-client [URL [SECONDS]]   (default local:thermostat, forever)
 */

#include <stdlib.h>

#include <locale.h>

#include <ro-glib/ro-glib.h>

static void
temperature_cb (GObject *replica, GParamSpec *pspec, gpointer data)
{
  double temperature, target;

  g_object_get (replica, "temperature", &temperature, "target", &target, NULL);
  g_print ("temperature %.1f °C (target %.1f °C)\n", temperature, target);
}

static void
state_cb (RoReplica *replica, RoReplicaState state, RoReplicaState old, gpointer data)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (RO_TYPE_REPLICA_STATE);

  g_print ("replica is %s\n", g_enum_get_value (klass, state)->value_nick);
}

static void
acquired_cb (GObject *node, GAsyncResult *result, gpointer data)
{
  g_autoptr(GError) error = NULL;
  RoReplica *replica = ro_node_acquire_finish (RO_NODE (node), result, &error);
  g_autoptr(GVariant) answer = NULL;

  if (replica == NULL)
    {
      g_printerr ("%s\n", error->message);
      exit (1);
    }

  /* A real GObject: notify:: works, and so does g_object_bind_property(). */
  g_signal_connect (replica, "notify::temperature", G_CALLBACK (temperature_cb), NULL);
  g_signal_connect (replica, "state-changed", G_CALLBACK (state_cb), NULL);
  temperature_cb (G_OBJECT (replica), NULL, NULL);

  /* Methods are forwarded to the source, which answers. */
  g_object_set (replica, "target", 22.5, NULL);
  answer = ro_replica_call_sync (replica, "heat", g_variant_new ("(d)", 0.5), 1000, NULL, &error);
  if (answer == NULL)
    g_printerr ("heat: %s\n", error->message);
  else
    g_print ("heat answered %s\n", g_variant_print (answer, FALSE));

  *(RoReplica **) data = replica;
}

static gboolean
quit_cb (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoNode) node = ro_node_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  RoReplica *replica = NULL;

  setlocale (LC_ALL, "");
  if (!ro_node_connect_to_node (node, argc > 1 ? argv[1] : "local:thermostat", &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  ro_node_acquire_async (node, "Thermostat", NULL, acquired_cb, &replica);
  if (argc > 2)
    g_timeout_add_seconds (atoi (argv[2]), quit_cb, loop);
  g_main_loop_run (loop);
  g_clear_object (&replica);
  return 0;
}
