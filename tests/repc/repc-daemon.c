/* repc-daemon.c: shares a Thermostat for the cross-process tests of ro-repc
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   repc-generated-daemon URL    shares a generated ThermostatSource subclass
 *   repc-plain-daemon URL        shares a hand-written GObject of the same interface
 *
 * Both share it as "Thermostat", print "READY <bound url>" once listening,
 * then take commands on stdin, one a line, and answer "DONE <command>":
 *   temp X         set the temperature to X
 *   overheat TEXT  emit overheat (TEXT, 99)
 * They exit when stdin closes.
 */

#include <stdio.h>

#include <gio/gunixinputstream.h>

#include "repc-daemon.h"

typedef struct
{
  GObject *source;
  GDataInputStream *input;
  GMainLoop *loop;
} Daemon;

static void read_line (Daemon *daemon);

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
      g_main_loop_quit (daemon->loop);
      return;
    }

  words = g_strsplit (line, " ", 2);
  if (words[0] == NULL || !repc_daemon_command (daemon->source, words[0], words[1]))
    g_printerr ("repc-daemon: unknown command “%s”\n", line);

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
  g_autoptr(GObject) source = NULL;
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GDataInputStream) input = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  Daemon daemon;

  if (argc != 2)
    {
      g_printerr ("usage: %s URL\n", argv[0]);
      return 2;
    }

  host = ro_host_new (argv[1], &error);
  if (host == NULL)
    {
      g_printerr ("repc-daemon: %s\n", error->message);
      return 1;
    }

  source = repc_daemon_make_source ();
  if (!ro_host_enable_remoting (host, source, "Thermostat", &error))
    {
      g_printerr ("repc-daemon: %s\n", error->message);
      return 1;
    }

  loop = g_main_loop_new (NULL, FALSE);
  in = g_unix_input_stream_new (0, FALSE);
  input = g_data_input_stream_new (in);
  daemon.source = source;
  daemon.input = input;
  daemon.loop = loop;
  read_line (&daemon);

  printf ("READY %s\n", ro_host_get_url (host));
  fflush (stdout);
  g_main_loop_run (loop);
  return 0;
}
