/* example-util.c: run the example programs and read what they print
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Output is read asynchronously, so that a test can wait for one program
 * while it serves another (a registry in the test process, say), and a
 * program that hangs fails the test after EXAMPLE_TIMEOUT_S instead of
 * blocking it until meson's timeout.
 */

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include <glib/gstdio.h>

#include "example-util.h"

char *
example_runtime_dir_new (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("ro-ex-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
example_runtime_dir_free (char *dir)
{
  remove_tree (dir);
  g_free (dir);
}

static void read_next (ExampleProcess   *self,
                       GDataInputStream *stream);

static void
line_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  ExampleProcess *self = data;
  GDataInputStream *stream = G_DATA_INPUT_STREAM (source);
  g_autofree char *line = g_data_input_stream_read_line_finish (stream, result, NULL, NULL);

  if (line == NULL)
    {
      self->readers--;
      g_object_unref (stream);
      return;
    }
  g_ptr_array_add (g_object_get_data (source, "lines"), g_steal_pointer (&line));
  read_next (self, stream);
}

static void
read_next (ExampleProcess   *self,
           GDataInputStream *stream)
{
  g_data_input_stream_read_line_async (stream, G_PRIORITY_DEFAULT, NULL, line_cb, self);
}

static void
read_lines (ExampleProcess *self,
            GInputStream   *pipe,
            GPtrArray      *lines)
{
  GDataInputStream *stream = g_data_input_stream_new (pipe);

  g_object_set_data (G_OBJECT (stream), "lines", lines);
  self->readers++;
  read_next (self, stream);
}

/* A test that fails aborts: its programs must not outlive it. */
static void
child_setup (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static void
wait_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  ExampleProcess *self = data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  self->exited = TRUE;
}

ExampleProcess *
example_spawnv (const char         *runtime_dir,
                const char * const *envp,
                const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  ExampleProcess *self = g_new0 (ExampleProcess, 1);

  self->name = g_path_get_basename (argv[0]);
  self->out = g_ptr_array_new_with_free_func (g_free);
  self->err = g_ptr_array_new_with_free_func (g_free);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* local: names live in XDG_RUNTIME_DIR; the output is compared in one
   * locale; a critical in an example is a failure. */
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", runtime_dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "G_DEBUG", "fatal-criticals", TRUE);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  for (guint i = 0; envp != NULL && envp[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (envp[i], "=", 2);

      g_subprocess_launcher_setenv (launcher, pair[0], pair[1], TRUE);
    }

  self->process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  read_lines (self, g_subprocess_get_stdout_pipe (self->process), self->out);
  read_lines (self, g_subprocess_get_stderr_pipe (self->process), self->err);
  g_subprocess_wait_async (self->process, NULL, wait_cb, self);
  return self;
}

static ExampleProcess *
spawn_valist (const char *runtime_dir,
              const char *program,
              va_list     args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (char *) program);
  for (const char *arg = va_arg (args, const char *); arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  g_ptr_array_add (argv, NULL);
  return example_spawnv (runtime_dir, NULL, (const char * const *) argv->pdata);
}

ExampleProcess *
example_spawn (const char *runtime_dir,
               const char *program,
               ...)
{
  ExampleProcess *self;
  va_list args;

  va_start (args, program);
  self = spawn_valist (runtime_dir, program, args);
  va_end (args);
  return self;
}

static void
dump (ExampleProcess *self)
{
  for (guint i = 0; i < self->out->len; i++)
    g_test_message ("%s stdout: %s", self->name, (char *) g_ptr_array_index (self->out, i));
  for (guint i = 0; i < self->err->len; i++)
    g_test_message ("%s stderr: %s", self->name, (char *) g_ptr_array_index (self->err, i));
}

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Iterates the default context until @done says so, or fails. */
static void
wait_until (ExampleProcess *self,
            gboolean      (*done) (ExampleProcess *self, gpointer data),
            gpointer        data,
            const char     *what)
{
  gint64 end = g_get_monotonic_time () + EXAMPLE_TIMEOUT_S * G_USEC_PER_SEC;
  guint tick = g_timeout_add (100, tick_cb, NULL);

  while (!done (self, data))
    {
      if (g_get_monotonic_time () > end)
        {
          dump (self);
          g_error ("%s: timed out waiting for %s", self->name, what);
        }
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (tick);
}

static gboolean
has_new_line (ExampleProcess *self,
              gpointer        data)
{
  for (guint i = self->seen; i < self->out->len; i++)
    if (strstr (g_ptr_array_index (self->out, i), data) != NULL)
      return TRUE;
  /* It exited without printing it: no use waiting. */
  if (self->exited && self->readers == 0)
    {
      dump (self);
      g_error ("%s exited before printing “%s”", self->name, (char *) data);
    }
  return FALSE;
}

const char *
example_wait_for (ExampleProcess *self,
                  const char     *text)
{
  g_autofree char *what = g_strdup_printf ("a line with “%s”", text);

  wait_until (self, has_new_line, (gpointer) text, what);
  for (; self->seen < self->out->len; self->seen++)
    if (strstr (g_ptr_array_index (self->out, self->seen), text) != NULL)
      return g_ptr_array_index (self->out, self->seen++);
  g_assert_not_reached ();
}

static gboolean
has_ended (ExampleProcess *self,
           gpointer        data)
{
  return self->exited && self->readers == 0;
}

int
example_wait_exit (ExampleProcess *self)
{
  wait_until (self, has_ended, NULL, "its exit");
  if (g_subprocess_get_if_signaled (self->process))
    return 128 + g_subprocess_get_term_sig (self->process);
  return g_subprocess_get_exit_status (self->process);
}

void
example_stop (ExampleProcess *self)
{
  int status;

  g_subprocess_send_signal (self->process, SIGTERM);
  status = example_wait_exit (self);
  if (status != 0)
    dump (self);
  g_assert_cmpint (status, ==, 0);
}

gboolean
example_has_line (GPtrArray  *lines,
                  const char *text)
{
  for (guint i = 0; i < lines->len; i++)
    if (strstr (g_ptr_array_index (lines, i), text) != NULL)
      return TRUE;
  return FALSE;
}

int
example_run (const char      *runtime_dir,
             ExampleProcess **out,
             const char      *program,
             ...)
{
  ExampleProcess *self;
  va_list args;
  int status;

  va_start (args, program);
  self = spawn_valist (runtime_dir, program, args);
  va_end (args);

  status = example_wait_exit (self);
  if (out != NULL)
    *out = self;
  else
    example_process_free (self);
  return status;
}

void
example_process_free (ExampleProcess *self)
{
  if (!self->exited)
    {
      g_subprocess_force_exit (self->process);
      wait_until (self, has_ended, NULL, "its exit");
    }
  /* The readers are done: the streams were unreffed at their end. */
  g_object_unref (self->process);
  g_ptr_array_unref (self->out);
  g_ptr_array_unref (self->err);
  g_free (self->name);
  g_free (self);
}
