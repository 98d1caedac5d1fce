/* printer-daemon.c: share a simulated printer
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   ro-printer-daemon [--url URL] [--registry URL] [--page-time MS] [--ink PERCENT]
 *
 * Shares a SimPrinter, a subclass of the PrinterSource that ro-repc
 * generates from printer.rep, under the name "Printer", at local:printer by
 * default. Replicas call its slots:
 * - print(document, contents) queues a job and answers its id, or 0 and
 *   the reason it refused the job: out of ink, nothing to print, queue
 *   full;
 * - cancel(job) takes a job out of the queue, or stops it if it prints;
 * - refill() fills every cartridge.
 * Jobs print one page per --page-time milliseconds, a page being 60 lines
 * of the document; each page takes 2 % of the black ink and 1 % of each
 * colour. The printer tells its replicas through its properties (status,
 * ink levels, queue length, current job and its progress) and its signals
 * (job-started, job-finished, ink-low).
 */

#include <locale.h>
#include <string.h>

#include <glib-unix.h>

#include "printer.h"

#define DEFAULT_URL "local:printer"
#define SOURCE_NAME "Printer"

#define LINES_PER_PAGE 60
#define MAX_QUEUE 32
#define MAX_DOCUMENT_SIZE (8 * 1024 * 1024)
#define INK_LOW 0.15

/* The cartridges, with the typed accessors of the generated source. */
static const struct
{
  const char *name;
  double    (*get) (PrinterSource *self);
  void      (*set) (PrinterSource *self,
                    double         level);
  double      per_page;
} colours[] = {
  { "cyan", printer_source_get_cyan, printer_source_set_cyan, 0.01 },
  { "magenta", printer_source_get_magenta, printer_source_set_magenta, 0.01 },
  { "yellow", printer_source_get_yellow, printer_source_set_yellow, 0.01 },
  { "black", printer_source_get_black, printer_source_set_black, 0.02 },
};

#define N_COLOURS G_N_ELEMENTS (colours)

typedef struct
{
  int id;
  char *document;
  int pages;
  int printed;
} Job;

static void
job_free (Job *job)
{
  g_free (job->document);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

#define SIM_TYPE_PRINTER (sim_printer_get_type ())
G_DECLARE_FINAL_TYPE (SimPrinter, sim_printer, SIM, PRINTER, PrinterSource)

struct _SimPrinter
{
  PrinterSource parent_instance;

  Job *current;
  GQueue waiting;             /* Job */
  int last_id;
  guint page_time;
  guint page_timer;
  guint start_idle;
  gboolean warned[N_COLOURS]; /* ink-low was emitted since the last refill */
};

G_DEFINE_FINAL_TYPE (SimPrinter, sim_printer, PRINTER_TYPE_SOURCE)

static void start_next_job (SimPrinter *self);

static double
level_of (SimPrinter *self,
          guint       colour)
{
  return colours[colour].get (PRINTER_SOURCE (self));
}

/* "black" or "black and cyan"; NULL while every cartridge has ink. */
static char *
empty_colours (SimPrinter *self)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < N_COLOURS; i++)
    if (level_of (self, i) <= 0)
      g_string_append_printf (names, "%s%s", names->len > 0 ? " and " : "", colours[i].name);
  return names->len > 0 ? g_string_free (g_steal_pointer (&names), FALSE) : NULL;
}

static gboolean
out_of_ink (SimPrinter *self)
{
  g_autofree char *empty = empty_colours (self);

  return empty != NULL;
}

static void
update_status (SimPrinter *self)
{
  PrinterSource *source = PRINTER_SOURCE (self);

  if (out_of_ink (self))
    printer_source_set_status (source, PRINTER_STATUS_OUT_OF_INK);
  else if (self->current != NULL)
    printer_source_set_status (source, PRINTER_STATUS_PRINTING);
  else
    printer_source_set_status (source, PRINTER_STATUS_IDLE);
}

static void
update_queue_length (SimPrinter *self)
{
  printer_source_set_queue_length (PRINTER_SOURCE (self),
                                   (int) self->waiting.length + (self->current != NULL ? 1 : 0));
}

static void
stop_pages (SimPrinter *self)
{
  g_clear_handle_id (&self->page_timer, g_source_remove);
}

/* The current job is done, completed or cancelled. */
static void
finish_current_job (SimPrinter *self,
                    gboolean    completed)
{
  PrinterSource *source = PRINTER_SOURCE (self);
  g_autoptr(Job) job = g_steal_pointer (&self->current);

  g_object_freeze_notify (G_OBJECT (self));
  printer_source_set_current_job (source, 0);
  printer_source_set_current_document (source, NULL);
  printer_source_set_progress (source, 0);
  update_queue_length (self);
  update_status (self);
  g_object_thaw_notify (G_OBJECT (self));

  g_print ("job %d %s: “%s”\n", job->id, completed ? "finished" : "cancelled", job->document);
  printer_source_emit_job_finished (source, job->id, job->document, completed);
}

/* One page of the current job. */
static gboolean
page_cb (gpointer data)
{
  SimPrinter *self = data;
  PrinterSource *source = PRINTER_SOURCE (self);
  Job *job = self->current;
  g_autofree char *empty = NULL;

  g_assert (job != NULL);

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 0; i < N_COLOURS; i++)
    {
      double level = MAX (0, level_of (self, i) - colours[i].per_page);

      /* Below a thousandth: empty, whatever the rounding. */
      if (level < 0.001)
        level = 0;
      colours[i].set (source, level);
    }
  job->printed++;
  printer_source_set_progress (source, job->printed * 100 / job->pages);
  g_object_thaw_notify (G_OBJECT (self));

  for (guint i = 0; i < N_COLOURS; i++)
    {
      double level = level_of (self, i);

      if (level < INK_LOW && !self->warned[i])
        {
          self->warned[i] = TRUE;
          g_print ("ink low: %s %.0f%%\n", colours[i].name, level * 100);
          printer_source_emit_ink_low (source, colours[i].name, level);
        }
    }

  if (job->printed >= job->pages)
    finish_current_job (self, TRUE);

  empty = empty_colours (self);
  if (empty != NULL)
    {
      /* The job keeps its place until a refill. */
      g_print ("out of ink: %s empty\n", empty);
      update_status (self);
      self->page_timer = 0;
      return G_SOURCE_REMOVE;
    }

  if (self->current == NULL)
    {
      start_next_job (self);
      if (self->current == NULL)
        {
          self->page_timer = 0;
          return G_SOURCE_REMOVE;
        }
    }
  return G_SOURCE_CONTINUE;
}

static void
start_pages (SimPrinter *self)
{
  if (self->page_timer == 0)
    self->page_timer = g_timeout_add (self->page_time, page_cb, self);
}

static void
start_next_job (SimPrinter *self)
{
  PrinterSource *source = PRINTER_SOURCE (self);
  Job *job;

  if (self->current != NULL || out_of_ink (self) || g_queue_is_empty (&self->waiting))
    return;

  job = self->current = g_queue_pop_head (&self->waiting);
  g_object_freeze_notify (G_OBJECT (self));
  printer_source_set_current_job (source, job->id);
  printer_source_set_current_document (source, job->document);
  printer_source_set_progress (source, 0);
  update_status (self);
  g_object_thaw_notify (G_OBJECT (self));

  g_print ("job %d started: “%s”, %d pages\n", job->id, job->document, job->pages);
  printer_source_emit_job_started (source, job->id, job->document, job->pages);
  start_pages (self);
}

/* After the reply to print(), so that replicas learn the job's id before
 * they hear it started. */
static gboolean
start_next_job_cb (gpointer data)
{
  SimPrinter *self = data;

  self->start_idle = 0;
  start_next_job (self);
  return G_SOURCE_REMOVE;
}

static int
count_pages (GBytes *contents)
{
  gsize size;
  const char *data = g_bytes_get_data (contents, &size);
  gsize lines = 0;

  for (gsize i = 0; i < size; i++)
    if (data[i] == '\n')
      lines++;
  if (size > 0 && data[size - 1] != '\n')
    lines++;
  return (int) MAX (1, (lines + LINES_PER_PAGE - 1) / LINES_PER_PAGE);
}

/* The slot print(): the reply is a PrintResult, (job, "") or (0, why). */
static GVariant *
sim_printer_print (PrinterSource *source,
                   const char    *document,
                   GBytes        *contents)
{
  SimPrinter *self = SIM_PRINTER (source);
  g_autofree char *empty = empty_colours (self);
  g_autofree char *refusal = NULL;
  const char *name = document != NULL && *document != '\0' ? document : "untitled";
  Job *job;

  if (empty != NULL)
    refusal = g_strdup_printf ("out of ink (%s empty): refill the printer first", empty);
  else if (contents == NULL || g_bytes_get_size (contents) == 0)
    refusal = g_strdup ("the document is empty: nothing to print");
  else if (g_bytes_get_size (contents) > MAX_DOCUMENT_SIZE)
    refusal = g_strdup_printf ("the document is larger than %d MiB", MAX_DOCUMENT_SIZE / (1024 * 1024));
  else if (self->waiting.length + (self->current != NULL ? 1 : 0) >= MAX_QUEUE)
    refusal = g_strdup_printf ("the queue is full (%d jobs): try again later", MAX_QUEUE);

  if (refusal != NULL)
    {
      g_print ("refused “%s”: %s\n", name, refusal);
      return print_result_new (0, refusal);
    }

  job = g_new0 (Job, 1);
  job->id = ++self->last_id;
  job->document = g_strdup (name);
  job->pages = count_pages (contents);
  g_queue_push_tail (&self->waiting, job);
  update_queue_length (self);
  g_print ("job %d accepted: “%s”, %d pages\n", job->id, job->document, job->pages);

  if (self->current == NULL && self->start_idle == 0)
    self->start_idle = g_idle_add (start_next_job_cb, self);
  return print_result_new (job->id, NULL);
}

static gboolean
sim_printer_cancel (PrinterSource *source,
                    int            id)
{
  SimPrinter *self = SIM_PRINTER (source);

  if (self->current != NULL && self->current->id == id)
    {
      stop_pages (self);
      finish_current_job (self, FALSE);
      start_next_job (self);
      return TRUE;
    }

  for (GList *l = self->waiting.head; l != NULL; l = l->next)
    {
      Job *job = l->data;

      if (job->id == id)
        {
          g_queue_delete_link (&self->waiting, l);
          update_queue_length (self);
          g_print ("job %d cancelled: “%s”\n", job->id, job->document);
          printer_source_emit_job_finished (source, job->id, job->document, FALSE);
          job_free (job);
          return TRUE;
        }
    }

  g_print ("no job %d to cancel\n", id);
  return FALSE;
}

static void
sim_printer_refill (PrinterSource *source)
{
  SimPrinter *self = SIM_PRINTER (source);

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 0; i < N_COLOURS; i++)
    {
      colours[i].set (source, 1.0);
      self->warned[i] = FALSE;
    }
  update_status (self);
  g_object_thaw_notify (G_OBJECT (self));
  g_print ("refilled\n");

  /* A job stopped by an empty cartridge goes on. */
  if (self->current != NULL)
    start_pages (self);
  else
    start_next_job (self);
}

static void
sim_printer_dispose (GObject *object)
{
  SimPrinter *self = SIM_PRINTER (object);

  stop_pages (self);
  g_clear_handle_id (&self->start_idle, g_source_remove);
  g_clear_pointer (&self->current, job_free);
  g_queue_clear_full (&self->waiting, (GDestroyNotify) job_free);

  G_OBJECT_CLASS (sim_printer_parent_class)->dispose (object);
}

static void
sim_printer_class_init (SimPrinterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PrinterSourceClass *source_class = PRINTER_SOURCE_CLASS (klass);

  object_class->dispose = sim_printer_dispose;

  /* The slots of printer.rep are the virtual functions of the source. */
  source_class->print = sim_printer_print;
  source_class->cancel = sim_printer_cancel;
  source_class->refill = sim_printer_refill;
}

static void
sim_printer_init (SimPrinter *self)
{
  g_queue_init (&self->waiting);
}

static gboolean
quit_cb (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(RoHost) host = NULL;
  g_autoptr(SimPrinter) printer = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *url = NULL;
  g_autofree char *registry = NULL;
  int page_time = 1000;
  int ink = 100;
  GOptionEntry entries[] = {
    { "url", 0, 0, G_OPTION_ARG_STRING, &url, "Listen at URL (default " DEFAULT_URL ")", "URL" },
    { "registry", 0, 0, G_OPTION_ARG_STRING, &registry, "Register the source with the registry at URL", "URL" },
    { "page-time", 0, 0, G_OPTION_ARG_INT, &page_time, "Print a page every MS milliseconds (default 1000)", "MS" },
    { "ink", 0, 0, G_OPTION_ARG_INT, &ink, "Start with PERCENT of ink in every cartridge (default 100)", "PERCENT" },
    { NULL }
  };

  setlocale (LC_ALL, "");
  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, "Shares a simulated printer as the source “Printer”.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("ro-printer-daemon: %s\n", error->message);
      return 2;
    }
  if (argc > 1 || page_time <= 0 || ink < 0 || ink > 100)
    {
      g_printerr ("ro-printer-daemon: the page time is positive and the ink from 0 to 100 (see --help)\n");
      return 2;
    }

  /* model is CONSTANT: construct-only. */
  printer = g_object_new (SIM_TYPE_PRINTER, "model", "ro-glib simulated printer", NULL);
  printer->page_time = (guint) page_time;
  for (guint i = 0; i < N_COLOURS; i++)
    colours[i].set (PRINTER_SOURCE (printer), ink / 100.0);
  update_status (printer);

  host = ro_host_new (url != NULL ? url : DEFAULT_URL, &error);
  if (host == NULL)
    {
      g_printerr ("ro-printer-daemon: %s\n", error->message);
      return 1;
    }
  if (registry != NULL && !ro_node_set_registry_url (RO_NODE (host), registry, &error))
    {
      g_printerr ("ro-printer-daemon: %s\n", error->message);
      return 1;
    }
  if (!ro_host_enable_remoting (host, G_OBJECT (printer), SOURCE_NAME, &error))
    {
      g_printerr ("ro-printer-daemon: %s\n", error->message);
      return 1;
    }

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);

  g_print ("Sharing “%s” at %s: a page every %d ms, ink at %d%%\n",
           SOURCE_NAME, ro_host_get_url (host), page_time, ink);
  g_main_loop_run (loop);
  g_print ("Stopped; jobs accepted: %d\n", printer->last_id);
  return 0;
}
