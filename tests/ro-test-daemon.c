/* ro-test-daemon.c: shares a TestThing for the integration tests
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   ro-test-daemon [--registry URL] [--be-registry] URL [NAME]
 *
 * Prints "READY <bound url>" once listening, then serves until killed or
 * its stdin closes. --registry registers the source with a registry;
 * --be-registry makes it a RoRegistryHost (sharing the Thing as well). On
 * stdin it takes commands, one per line, so a test can drive the source:
 *   count N        set count to N
 *   temp X         set temperature to X
 *   overheat TEXT  emit overheat (TEXT, 99)
 *   disable        withdraw the source
 *   enable         share it again
 *   burst N        set count to 1..N in one dispatch
 *   stats          print one line "STATS key=value..." before DONE: serving
 *                  peers, their pending invocations, RoInvocations still
 *                  alive, cancellations seen, open fds, VmRSS and the
 *                  bytes malloc() has handed out (in KiB), and the
 *                  source's count and temperature
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gio/gunixinputstream.h>

#include "ro-node-private.h"
#include "test-types.h"
#include "test-util.h"

typedef struct
{
  RoHost *host;
  TestThing *thing;
  const char *name;
  GDataInputStream *input;
  GMainLoop *loop;
  guint live_invocations;
} Daemon;

static void read_line (Daemon *daemon);

static void
invocation_finalized_cb (gpointer  data,
                         GObject  *invocation)
{
  ((Daemon *) data)->live_invocations--;
}

/* Counts the RoInvocations that the source's methods receive. */
static gboolean
invocation_hook_cb (GSignalInvocationHint *hint,
                    guint                  n_values,
                    const GValue          *values,
                    gpointer               data)
{
  if (n_values > 1 && G_VALUE_HOLDS (&values[1], RO_TYPE_INVOCATION))
    {
      ((Daemon *) data)->live_invocations++;
      g_object_weak_ref (g_value_get_object (&values[1]), invocation_finalized_cb, data);
    }
  return TRUE;
}

static void
print_stats (Daemon *daemon)
{
  GPtrArray *peers = ro_node_get_peers (RO_NODE (daemon->host));
  g_autoptr(GDir) fds = g_dir_open ("/proc/self/fd", 0, NULL);
  char temperature[G_ASCII_DTOSTR_BUF_SIZE];
  guint n_peers = 0, n_invocations = 0, n_fds = 0;
  double t;
  int count;

  for (guint i = 0; i < peers->len; i++)
    {
      RoPeer *peer = g_ptr_array_index (peers, i);

      if (!peer->serving)
        continue;
      n_peers++;
      n_invocations += g_hash_table_size (peer->invocations);
    }
  while (fds != NULL && g_dir_read_name (fds) != NULL)
    n_fds++;
  g_object_get (daemon->thing, "count", &count, "temperature", &t, NULL);
  printf ("STATS peers=%u invocations=%u live-invocations=%u cancelled=%u fds=%u rss=%ld heap=%ld "
          "count=%d temperature=%s\n",
          n_peers, n_invocations, daemon->live_invocations, test_thing_get_n_cancelled (daemon->thing),
          n_fds, test_read_rss_kib (), test_read_heap_kib (), count, g_ascii_dtostr (temperature, sizeof temperature, t));
}

static void
line_cb (GObject      *stream,
         GAsyncResult *result,
         gpointer      data)
{
  Daemon *daemon = data;
  g_autofree char *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (stream), result, NULL, NULL);
  g_auto(GStrv) words = NULL;

  if (line == NULL)
    {
      /* The test went away: so do we. */
      g_main_loop_quit (daemon->loop);
      return;
    }

  words = g_strsplit (line, " ", 2);
  if (g_strcmp0 (words[0], "count") == 0 && words[1] != NULL)
    test_thing_set_count (daemon->thing, atoi (words[1]));
  else if (g_strcmp0 (words[0], "temp") == 0 && words[1] != NULL)
    test_thing_set_temperature (daemon->thing, g_ascii_strtod (words[1], NULL));
  else if (g_strcmp0 (words[0], "overheat") == 0 && words[1] != NULL)
    test_thing_emit_overheat (daemon->thing, words[1], 99);
  else if (g_strcmp0 (words[0], "disable") == 0)
    ro_host_disable_remoting (daemon->host, daemon->name);
  else if (g_strcmp0 (words[0], "enable") == 0)
    ro_host_enable_remoting (daemon->host, G_OBJECT (daemon->thing), daemon->name, NULL);
  else if (g_strcmp0 (words[0], "burst") == 0 && words[1] != NULL)
    g_signal_emit_by_name (daemon->thing, "burst", atoi (words[1]));
  else if (g_strcmp0 (words[0], "stats") == 0)
    print_stats (daemon);
  else
    g_printerr ("ro-test-daemon: unknown command “%s”\n", line);

  printf ("DONE %s\n", line);
  fflush (stdout);
  read_line (daemon);
}

static void
read_line (Daemon *daemon)
{
  g_data_input_stream_read_line_async (daemon->input, G_PRIORITY_DEFAULT, NULL, line_cb, daemon);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoHost) host = NULL;
  g_autoptr(TestThing) thing = NULL;
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("URL [NAME]");
  g_autofree char *registry = NULL;
  gboolean be_registry = FALSE;
  GOptionEntry entries[] = {
    { "registry", 0, 0, G_OPTION_ARG_STRING, &registry, "Register with the registry at URL", "URL" },
    { "be-registry", 0, 0, G_OPTION_ARG_NONE, &be_registry, "Be a registry host", NULL },
    { NULL }
  };
  Daemon daemon;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc < 2)
    {
      g_printerr ("usage: %s [--registry URL] [--be-registry] URL [NAME]\n", argv[0]);
      return 2;
    }

  host = be_registry ? RO_HOST (ro_registry_host_new (argv[1], &error)) : ro_host_new (argv[1], &error);
  if (host == NULL)
    {
      g_printerr ("ro-test-daemon: %s\n", error->message);
      return 1;
    }
  if (registry != NULL && !ro_node_set_registry_url (RO_NODE (host), registry, &error))
    {
      g_printerr ("ro-test-daemon: %s\n", error->message);
      return 1;
    }

  thing = test_thing_new ("SN-1");
  daemon.name = argc > 2 ? argv[2] : "Thing";
  if (!ro_host_enable_remoting (host, G_OBJECT (thing), daemon.name, &error))
    {
      g_printerr ("ro-test-daemon: %s\n", error->message);
      return 1;
    }

  daemon.live_invocations = 0;
  {
    g_autofree guint *ids = NULL;
    guint n_ids;

    ids = g_signal_list_ids (TEST_TYPE_THING, &n_ids);
    for (guint i = 0; i < n_ids; i++)
      {
        GSignalQuery query;

        g_signal_query (ids[i], &query);
        if (query.n_params > 0 && query.param_types[0] == RO_TYPE_INVOCATION)
          g_signal_add_emission_hook (ids[i], 0, invocation_hook_cb, &daemon, NULL);
      }
  }

  loop = g_main_loop_new (NULL, FALSE);
  in = g_unix_input_stream_new (0, FALSE);
  daemon.host = host;
  daemon.thing = thing;
  daemon.loop = loop;
  daemon.input = g_data_input_stream_new (in);
  read_line (&daemon);

  printf ("READY %s\n", ro_host_get_url (host));
  fflush (stdout);
  g_main_loop_run (loop);
  g_object_unref (daemon.input);
  return 0;
}
