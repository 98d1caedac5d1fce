/* ro-invocation.c: a method call on the source side that replies later
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * RoInvocation:
 *
 * A method call that a replica made on a source.
 *
 * A method of a source is an action signal. When its first parameter is a
 * `RoInvocation`, the handler may reply at any later time with
 * [method@Ro.Invocation.return_value] or [method@Ro.Invocation.return_error];
 * to do so after it returns, it keeps a reference until it has replied:
 *
 * ```c
 * static void
 * printer_print (Printer *self, RoInvocation *invocation, const char *document)
 * {
 *   PrintJob *job = print_job_new (document);
 *
 *   job->invocation = g_object_ref (invocation);  // replied when the job is queued
 *   printer_queue_job (self, job);
 * }
 * ```
 *
 * An invocation finalized without a reply answers the caller with
 * %RO_ERROR_FAILED. When the caller cancels the call or goes away,
 * [method@Ro.Invocation.get_cancellable] is cancelled and any later reply is
 * discarded. Invocations belong to the host's main context.
 */

#include "config.h"

#include "ro-invocation-private.h"
#include "ro-value-private.h"

struct _RoInvocation
{
  GObject parent_instance;

  char *source_name;
  char *method_name;
  GVariant *parameters;
  GVariantType *result_type;
  GCancellable *cancellable;
  gconstpointer caller;

  RoInvocationReplyFunc reply_func;
  gpointer user_data;
  GDestroyNotify user_data_free;
  gboolean replied;
};

G_DEFINE_FINAL_TYPE (RoInvocation, ro_invocation, G_TYPE_OBJECT)

static void
send_reply (RoInvocation *self,
            GVariant     *result,
            const GError *error)
{
  self->replied = TRUE;

  /* A reply after the caller cancelled or went away has nowhere to go. */
  if (!g_cancellable_is_cancelled (self->cancellable))
    self->reply_func (result, error, self->user_data);

  if (self->user_data_free != NULL)
    g_clear_pointer (&self->user_data, self->user_data_free);
}

static void
ro_invocation_finalize (GObject *object)
{
  RoInvocation *self = (RoInvocation *) object;

  if (!self->replied)
    {
      g_autoptr(GError) error = g_error_new (RO_ERROR, RO_ERROR_FAILED,
                                             "Method “%s” of “%s” finished without a reply",
                                             self->method_name, self->source_name);

      send_reply (self, NULL, error);
    }

  g_free (self->source_name);
  g_free (self->method_name);
  g_clear_pointer (&self->parameters, g_variant_unref);
  g_clear_pointer (&self->result_type, g_variant_type_free);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ro_invocation_parent_class)->finalize (object);
}

static void
ro_invocation_class_init (RoInvocationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ro_invocation_finalize;
}

static void
ro_invocation_init (RoInvocation *self)
{
  self->cancellable = g_cancellable_new ();
}

RoInvocation *
ro_invocation_new (const char            *source_name,
                   const char            *method_name,
                   GVariant              *parameters,
                   const GVariantType    *result_type,
                   RoInvocationReplyFunc  reply_func,
                   gpointer               user_data,
                   GDestroyNotify         user_data_free)
{
  RoInvocation *self = g_object_new (RO_TYPE_INVOCATION, NULL);

  self->source_name = g_strdup (source_name);
  self->method_name = g_strdup (method_name);
  self->parameters = g_variant_ref_sink (parameters);
  self->result_type = g_variant_type_copy (result_type);
  self->reply_func = reply_func;
  self->user_data = user_data;
  self->user_data_free = user_data_free;
  return self;
}

/* The caller cancelled or went away: tell the handler, drop its reply. */
void
ro_invocation_cancel (RoInvocation *self)
{
  g_cancellable_cancel (self->cancellable);
}

void
ro_invocation_set_caller (RoInvocation  *self,
                          gconstpointer  caller)
{
  self->caller = caller;
}

gconstpointer
ro_invocation_get_caller (RoInvocation *self)
{
  return self->caller;
}

/**
 * ro_invocation_get_method_name:
 * @invocation: a #RoInvocation
 *
 * Gets the name of the method the replica called, the name of the source's
 * action signal.
 *
 * Returns: (transfer none): the name of the method called
 */
const char *
ro_invocation_get_method_name (RoInvocation *invocation)
{
  g_return_val_if_fail (RO_IS_INVOCATION (invocation), NULL);
  return invocation->method_name;
}

/**
 * ro_invocation_get_source_name:
 * @invocation: a #RoInvocation
 *
 * Gets the name the called source is shared under (see
 * [method@Ro.Host.enable_remoting]).
 *
 * Returns: (transfer none): the name the source is shared under
 */
const char *
ro_invocation_get_source_name (RoInvocation *invocation)
{
  g_return_val_if_fail (RO_IS_INVOCATION (invocation), NULL);
  return invocation->source_name;
}

/**
 * ro_invocation_get_parameters:
 * @invocation: a #RoInvocation
 *
 * Gets the arguments of the call, as a tuple of the method's argument
 * types, which the handler also received as signal arguments.
 *
 * Returns: (transfer none): the arguments of the call, as a tuple
 */
GVariant *
ro_invocation_get_parameters (RoInvocation *invocation)
{
  g_return_val_if_fail (RO_IS_INVOCATION (invocation), NULL);
  return invocation->parameters;
}

/**
 * ro_invocation_get_cancellable:
 * @invocation: a #RoInvocation
 *
 * Gets a cancellable that fires when the caller cancels the call or its
 * connection goes away. A reply made after that is discarded.
 *
 * Returns: (transfer none): the cancellable
 */
GCancellable *
ro_invocation_get_cancellable (RoInvocation *invocation)
{
  g_return_val_if_fail (RO_IS_INVOCATION (invocation), NULL);
  return invocation->cancellable;
}

static gboolean
check_not_replied (RoInvocation *self)
{
  if (self->replied)
    {
      g_critical ("Method “%s” of “%s” was replied to twice; the second reply is ignored",
                  self->method_name, self->source_name);
      return FALSE;
    }
  return TRUE;
}

/**
 * ro_invocation_return_value:
 * @invocation: a #RoInvocation
 * @result: (nullable): the result: a tuple of the method's return type, or
 *   %NULL for `()`; a floating reference is sunk
 *
 * Completes the call with @result. This takes no reference on @invocation.
 * A value of the wrong type answers the caller with
 * %RO_ERROR_INVALID_ARGUMENTS instead, and warns.
 */
void
ro_invocation_return_value (RoInvocation *invocation,
                            GVariant     *result)
{
  g_autoptr(GVariant) owned = NULL;
  g_autoptr(GVariant) coerced = NULL;

  g_return_if_fail (RO_IS_INVOCATION (invocation));

  owned = result != NULL ? g_variant_ref_sink (result) : g_variant_ref_sink (g_variant_new ("()"));
  if (!check_not_replied (invocation))
    return;

  coerced = ro_variant_coerce (owned, invocation->result_type);
  if (coerced == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *want = g_variant_type_dup_string (invocation->result_type);

      error = g_error_new (RO_ERROR, RO_ERROR_INVALID_ARGUMENTS,
                           "Method “%s” of “%s” replied with type “%s” instead of “%s”",
                           invocation->method_name, invocation->source_name,
                           g_variant_get_type_string (owned), want);
      g_warning ("%s", error->message);
      send_reply (invocation, NULL, error);
      return;
    }

  send_reply (invocation, coerced, NULL);
}

/**
 * ro_invocation_return_gerror:
 * @invocation: a #RoInvocation
 * @error: the error to answer with
 *
 * Completes the call with a copy of @error. The caller receives it as
 * %RO_ERROR_REMOTE with the same message, unless it is in the %RO_ERROR
 * domain. This takes no reference on @invocation.
 *
 * From Python, for example:
 *
 * ```python
 * def do_print(self, invocation, document):
 *     error = GLib.Error.new_literal(Gio.io_error_quark(), 'Out of paper',
 *                                    Gio.IOErrorEnum.NO_SPACE)
 *     invocation.return_gerror(error)
 * ```
 */
void
ro_invocation_return_gerror (RoInvocation *invocation,
                             const GError *error)
{
  g_return_if_fail (RO_IS_INVOCATION (invocation));
  g_return_if_fail (error != NULL);

  if (!check_not_replied (invocation))
    return;
  send_reply (invocation, NULL, error);
}

/**
 * ro_invocation_return_error_literal:
 * @invocation: a #RoInvocation
 * @domain: an error domain
 * @code: an error code
 * @message: the error message
 *
 * Completes the call with an error; see [method@Ro.Invocation.return_gerror].
 */
void
ro_invocation_return_error_literal (RoInvocation *invocation,
                                    GQuark        domain,
                                    int           code,
                                    const char   *message)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (RO_IS_INVOCATION (invocation));
  g_return_if_fail (message != NULL);

  error = g_error_new_literal (domain, code, message);
  ro_invocation_return_gerror (invocation, error);
}

/**
 * ro_invocation_return_error:
 * @invocation: a #RoInvocation
 * @domain: an error domain
 * @code: an error code
 * @format: printf()-style format of the message
 * @...: arguments for @format
 *
 * Completes the call with an error; see [method@Ro.Invocation.return_gerror].
 *
 * ```c
 * ro_invocation_return_error (invocation, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
 *                             "Out of paper after %u pages", n_pages);
 * ```
 *
 * Language bindings cannot call a variadic function: they use
 * [method@Ro.Invocation.return_error_literal] or
 * [method@Ro.Invocation.return_gerror].
 */
void
ro_invocation_return_error (RoInvocation *invocation,
                            GQuark        domain,
                            int           code,
                            const char   *format,
                            ...)
{
  g_autoptr(GError) error = NULL;
  va_list args;

  g_return_if_fail (RO_IS_INVOCATION (invocation));
  g_return_if_fail (format != NULL);

  va_start (args, format);
  error = g_error_new_valist (domain, code, format, args);
  va_end (args);
  ro_invocation_return_gerror (invocation, error);
}
