/* test-util.c: helpers shared by the tests that spawn ro-test-daemon
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <malloc.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "test-util.h"

/* Socket paths are limited to 107 bytes, too few for the isolated runtime
 * directories of long test names: Unix sockets go in a short one. */
static char *socket_dir;

static void
remove_socket_dir (void)
{
  g_autoptr(GDir) dir = g_dir_open (socket_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (socket_dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (socket_dir);
  g_clear_pointer (&socket_dir, g_free);
}

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

void
test_util_init (void)
{
  g_autoptr(GError) error = NULL;

  g_timeout_add (50, tick_cb, NULL);
  socket_dir = g_dir_make_tmp ("ro-XXXXXX", &error);
  g_assert_no_error (error);
  atexit (remove_socket_dir);
}

TestDaemon *
test_daemon_start (const char *first_arg,
                   ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *line = NULL;
  TestDaemon *d = g_new0 (TestDaemon, 1);
  va_list args;

  g_ptr_array_add (argv, g_test_build_filename (G_TEST_BUILT, "ro-test-daemon", NULL));
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  /* G_TEST_OPTION_ISOLATE_DIRS changes our directories, not the
   * environment a child inherits: local: names must agree. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", g_get_user_runtime_dir (), TRUE);
  d->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  d->in = g_object_ref (g_subprocess_get_stdin_pipe (d->process));
  d->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (d->process));

  line = g_data_input_stream_read_line_utf8 (d->out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "READY "));
  d->url = g_strdup (line + strlen ("READY "));
  return d;
}

void
test_daemon_send (TestDaemon *d,
                  const char *command)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *line = g_strconcat (command, "\n", NULL);
  g_autofree char *done = NULL;

  g_output_stream_write_all (d->in, line, strlen (line), NULL, NULL, &error);
  g_assert_no_error (error);
  done = g_data_input_stream_read_line_utf8 (d->out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (done, "DONE "));
}

char *
test_daemon_query (TestDaemon *d,
                   const char *command)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *line = g_strconcat (command, "\n", NULL);
  g_autofree char *done = NULL;
  char *answer;

  g_output_stream_write_all (d->in, line, strlen (line), NULL, NULL, &error);
  g_assert_no_error (error);
  answer = g_data_input_stream_read_line_utf8 (d->out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (answer);
  done = g_data_input_stream_read_line_utf8 (d->out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (done, "DONE "));
  return answer;
}

typedef struct
{
  gboolean done;
  char *line;
  GError *error;
} LineRead;

static void
line_read_cb (GObject      *stream,
              GAsyncResult *result,
              gpointer      data)
{
  LineRead *read = data;

  read->line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (stream), result, NULL, &read->error);
  read->done = TRUE;
}

char *
test_read_line (GDataInputStream *stream,
                int               timeout_s)
{
  LineRead read = { FALSE, NULL, NULL };
  gint64 end = g_get_monotonic_time () + timeout_s * G_USEC_PER_SEC;

  g_data_input_stream_read_line_async (stream, G_PRIORITY_DEFAULT, NULL, line_read_cb, &read);
  while (!read.done)
    {
      if (g_get_monotonic_time () > end)
        g_error ("Timed out after %d s waiting for a line", timeout_s);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_no_error (read.error);
  return read.line;
}

void
test_daemon_signal (TestDaemon *d,
                    int         signum)
{
  g_subprocess_send_signal (d->process, signum);
}

void
test_daemon_free (TestDaemon *d)
{
  g_subprocess_force_exit (d->process);
  g_subprocess_wait (d->process, NULL, NULL);
  g_object_unref (d->in);
  g_object_unref (d->out);
  g_object_unref (d->process);
  g_free (d->url);
  g_free (d);
}

char *
test_make_url (const char *transport)
{
  if (g_str_equal (transport, "unix"))
    {
      g_autofree char *uuid = g_uuid_string_random ();

      return g_strdup_printf ("unix:%s/%.8s.sock", socket_dir, uuid);
    }
  if (g_str_equal (transport, "local"))
    return g_strdup ("local:thing");
  if (g_str_equal (transport, "localabstract"))
    {
      g_autofree char *uuid = g_uuid_string_random ();

      return g_strdup_printf ("localabstract:ro-test-%s", uuid);
    }
  return g_strdup ("tcp://127.0.0.1:0");
}

static void
acquired_cb (GObject      *node,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(GError) error = NULL;

  *(RoReplica **) data = ro_node_acquire_finish (RO_NODE (node), result, &error);
  g_assert_no_error (error);
}

RoReplica *
test_acquire (RoNode     *node,
              const char *name)
{
  RoReplica *replica = NULL;

  ro_node_acquire_async (node, name, NULL, acquired_cb, &replica);
  WAIT_UNTIL (replica != NULL);
  return replica;
}

int
test_get_int (gpointer    object,
              const char *property)
{
  int value;

  g_object_get (object, property, &value, NULL);
  return value;
}

long
test_read_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmRSS:")) == NULL)
    return -1;
  return strtol (line + strlen ("VmRSS:"), NULL, 10);
}

long
test_read_heap_kib (void)
{
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
  struct mallinfo2 info = mallinfo2 ();

  return (long) ((info.uordblks + info.hblkhd) / 1024);
#else
  return -1;
#endif
}
