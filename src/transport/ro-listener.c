/* ro-listener.c: accepting connections on a URL, and making them
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * A listener binds its sockets itself rather than through GSocketListener or
 * GSocketService, for two reasons. Unix socket files need care that those
 * do not take: a stale file left by a crashed process is replaced, a live
 * one or anything that is not a socket is left alone, and only the file we
 * created is removed on close. And each listening socket gets a plain
 * GSocket source on the creation context, so accepting happens exactly
 * there, and destroying those sources on close leaves nothing pending: no
 * cancelled accept that completes (and holds references) one iteration
 * later.
 */

#include "config.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <gio/gunixsocketaddress.h>

#include "ro-listener.h"

/* Connections the kernel queues before we accept them; GSocket's default of
 * 10 is small for a host that many replicas reconnect to at once. */
#define LISTEN_BACKLOG 128

/* After an accept error that does not go away by itself (EMFILE and the
 * like), the pending connection keeps the socket readable; polling again at
 * once would spin, so accepting pauses for this long. */
#define ACCEPT_PAUSE_MS 250

/* Binding every address of a host name to the port the first one got can
 * find that port taken on another address; the whole set is retried with a
 * fresh port this many times. */
#define MAX_PORT_ATTEMPTS 16

struct _RoListener
{
  GObject parent_instance;

  GMainContext *context;
  char *url;             /* the bound URL */
  gboolean is_tcp;

  GPtrArray *sockets;    /* listening GSockets */
  GPtrArray *sources;    /* one accept GSource per socket while accepting */
  GSource *pause_source; /* restarts accepting after an accept error */

  /* The socket file that we created, removed on close only if it is still
   * the same file (another process may have replaced it since). */
  char *socket_path;
  dev_t socket_dev;
  ino_t socket_ino;

  gboolean closed;
};

G_DEFINE_FINAL_TYPE (RoListener, ro_listener, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  INCOMING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void start_accepting (RoListener *self);

static void
destroy_source (gpointer source)
{
  g_source_destroy (source);
  g_source_unref (source);
}

static void
stop_accepting (RoListener *self)
{
  g_ptr_array_set_size (self->sources, 0);
  g_clear_pointer (&self->pause_source, destroy_source);
}

static gboolean
on_pause_over (gpointer user_data)
{
  RoListener *self = user_data;

  g_clear_pointer (&self->pause_source, g_source_unref);
  start_accepting (self);
  return G_SOURCE_REMOVE;
}

static void
pause_accepting (RoListener *self)
{
  stop_accepting (self);

  self->pause_source = g_timeout_source_new (ACCEPT_PAUSE_MS);
  g_source_set_callback (self->pause_source, on_pause_over, self, NULL);
  g_source_set_static_name (self->pause_source, "[ro-glib] listener accept pause");
  g_source_attach (self->pause_source, self->context);
}

static void
set_tcp_nodelay (GSocket *socket)
{
  g_autoptr(GError) error = NULL;

  /* Messages are small and batched per main loop iteration already;
   * Nagle's algorithm would only add latency to each reply. */
  if (!g_socket_set_option (socket, IPPROTO_TCP, TCP_NODELAY, 1, &error))
    g_debug ("Cannot set TCP_NODELAY: %s", error->message);
}

static gboolean
on_socket_ready (GSocket      *socket,
                 GIOCondition  condition,
                 gpointer      user_data)
{
  RoListener *self = user_data;
  g_autoptr(RoListener) hold = NULL;
  g_autoptr(GSocket) accepted = NULL;
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  accepted = g_socket_accept (socket, NULL, &error);
  if (accepted == NULL)
    {
      /* Another wakeup took the connection, or the client gave up. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        return G_SOURCE_CONTINUE;

      g_message ("Cannot accept a connection on “%s”: %s; retrying in %d ms",
                 self->url, error->message, ACCEPT_PAUSE_MS);
      pause_accepting (self);
      return G_SOURCE_REMOVE;
    }

  if (self->is_tcp)
    set_tcp_nodelay (accepted);

  connection = g_socket_connection_factory_create_connection (accepted);

  /* A handler may drop the last reference to the listener. */
  hold = g_object_ref (self);
  g_signal_emit (self, signals[INCOMING], 0, connection);

  return G_SOURCE_CONTINUE;
}

static void
start_accepting (RoListener *self)
{
  for (guint i = 0; i < self->sockets->len; i++)
    {
      GSource *source = g_socket_create_source (g_ptr_array_index (self->sockets, i),
                                                G_IO_IN, NULL);

      g_source_set_callback (source, G_SOURCE_FUNC (on_socket_ready), self, NULL);
      g_source_set_static_name (source, "[ro-glib] listener accept");
      g_source_attach (source, self->context);
      g_ptr_array_add (self->sources, source);
    }
}

/* Removes the socket file if it is still the one bind() created. Called
 * while the socket is still open: a bound socket keeps its inode alive, so
 * no other file can have taken that inode number in the meantime. */
static void
remove_socket_file (RoListener *self)
{
  g_autofree char *path = g_steal_pointer (&self->socket_path);
  struct stat st;

  if (path == NULL)
    return;

  if (lstat (path, &st) != 0)
    return;
  if (!S_ISSOCK (st.st_mode) || st.st_dev != self->socket_dev || st.st_ino != self->socket_ino)
    {
      g_debug ("Not removing “%s”: it was replaced by another file", path);
      return;
    }
  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int errsv = errno;

      g_debug ("Cannot remove “%s”: %s", path, g_strerror (errsv));
    }
}

/**
 * ro_listener_close:
 * @self: a #RoListener
 *
 * Stops accepting, closes the listening sockets and removes the socket file.
 * Calling it again does nothing. Call it from the thread of the listener's
 * main context.
 */
void
ro_listener_close (RoListener *self)
{
  g_return_if_fail (RO_IS_LISTENER (self));

  if (self->closed)
    return;
  self->closed = TRUE;

  stop_accepting (self);
  /* The file goes first, so that no new client finds it and connects to a
   * socket that is about to close. */
  remove_socket_file (self);
  for (guint i = 0; i < self->sockets->len; i++)
    g_socket_close (g_ptr_array_index (self->sockets, i), NULL);
  g_ptr_array_set_size (self->sockets, 0);
}

static void
ro_listener_dispose (GObject *object)
{
  ro_listener_close (RO_LISTENER (object));

  G_OBJECT_CLASS (ro_listener_parent_class)->dispose (object);
}

static void
ro_listener_finalize (GObject *object)
{
  RoListener *self = RO_LISTENER (object);

  g_free (self->url);
  g_free (self->socket_path);
  g_ptr_array_unref (self->sources);
  g_ptr_array_unref (self->sockets);
  g_main_context_unref (self->context);

  G_OBJECT_CLASS (ro_listener_parent_class)->finalize (object);
}

static void
ro_listener_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  RoListener *self = RO_LISTENER (object);

  switch (prop_id)
    {
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ro_listener_class_init (RoListenerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ro_listener_dispose;
  object_class->finalize = ro_listener_finalize;
  object_class->get_property = ro_listener_get_property;

  /**
   * RoListener:url:
   *
   * The bound URL, with the real port for `tcp://HOST:0`.
   */
  properties[PROP_URL] =
    g_param_spec_string ("url", "URL", "The bound URL",
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RoListener::incoming:
   * @self: the #RoListener
   * @connection: the new #GSocketConnection
   *
   * A client connected. Handlers keep a reference to @connection to use it;
   * when none does, it is closed.
   */
  signals[INCOMING] =
    g_signal_new ("incoming",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL,
                  g_cclosure_marshal_VOID__OBJECT,
                  G_TYPE_NONE, 1, G_TYPE_SOCKET_CONNECTION);
  g_signal_set_va_marshaller (signals[INCOMING], G_TYPE_FROM_CLASS (klass),
                              g_cclosure_marshal_VOID__OBJECTv);
}

static void
ro_listener_init (RoListener *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->sockets = g_ptr_array_new_with_free_func (g_object_unref);
  self->sources = g_ptr_array_new_with_free_func (destroy_source);
}

static void
set_error_from_errno (GError     **error,
                      int          errsv,
                      const char  *url,
                      const char  *what,
                      const char  *path)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
               "Cannot listen on “%s”: %s “%s”: %s",
               url, what, path, g_strerror (errsv));
}

/* Whether a process accepts connections on the socket file at @path: a
 * connection refused means that the file outlived its process. */
typedef enum {
  SOCKET_FILE_LIVE,
  SOCKET_FILE_STALE,
  SOCKET_FILE_GONE,
} SocketFileState;

static SocketFileState
probe_socket_file (const char *path)
{
  struct sockaddr_un address = { .sun_family = AF_UNIX };
  int fd;
  int result;
  int errsv;

  /* ro_url_parse() guarantees that the path fits. */
  g_assert (strlen (path) < sizeof address.sun_path);
  strcpy (address.sun_path, path);

  /* Non-blocking, so that a live server with a full backlog answers EAGAIN
   * at once instead of making us wait. */
  fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0)
    return SOCKET_FILE_LIVE;

  result = connect (fd, (struct sockaddr *) &address, sizeof address);
  errsv = errno;
  close (fd);

  if (result == 0)
    return SOCKET_FILE_LIVE;

  switch (errsv)
    {
    case ECONNREFUSED:
      return SOCKET_FILE_STALE;
    case ENOENT:
      return SOCKET_FILE_GONE;
    default:
      /* EAGAIN (full backlog), EACCES (another user's socket) and anything
       * unexpected: the file is not ours to remove. */
      return SOCKET_FILE_LIVE;
    }
}

/* Makes @path free for bind(): nothing there, or a stale socket that is
 * removed. A live socket and anything that is not a socket are refused and
 * left in place. */
static gboolean
clear_socket_path (const char  *url,
                   const char  *path,
                   GError     **error)
{
  struct stat st, again;

  if (lstat (path, &st) != 0)
    {
      int errsv = errno;

      if (errsv == ENOENT)
        return TRUE;
      set_error_from_errno (error, errsv, url, "cannot inspect", path);
      return FALSE;
    }

  if (!S_ISSOCK (st.st_mode))
    {
      g_set_error (error, RO_ERROR, RO_ERROR_ADDRESS_IN_USE,
                   "Cannot listen on “%s”: “%s” exists and is not a socket",
                   url, path);
      return FALSE;
    }

  switch (probe_socket_file (path))
    {
    case SOCKET_FILE_GONE:
      return TRUE;
    case SOCKET_FILE_LIVE:
      g_set_error (error, RO_ERROR, RO_ERROR_ADDRESS_IN_USE,
                   "Cannot listen on “%s”: another process is listening on “%s”",
                   url, path);
      return FALSE;
    case SOCKET_FILE_STALE:
    default:
      break;
    }

  /* Only the file that was probed: if a live server replaced it meanwhile,
   * bind() fails below instead of stealing its address. */
  if (lstat (path, &again) == 0 && again.st_dev == st.st_dev && again.st_ino == st.st_ino)
    {
      g_debug ("Replacing the stale socket “%s”", path);
      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          int errsv = errno;

          set_error_from_errno (error, errsv, url, "cannot remove the stale socket", path);
          return FALSE;
        }
    }

  return TRUE;
}

/* Binds @address and listens on a new socket added to self->sockets. */
static gboolean
listen_on_address (RoListener      *self,
                   const char      *url,
                   GSocketAddress  *address,
                   GError         **error)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GError) local_error = NULL;
  GSocketFamily family = g_socket_address_get_family (address);

  socket = g_socket_new (family, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT, &local_error);
  if (socket == NULL)
    goto fail;

  g_socket_set_blocking (socket, FALSE);
  g_socket_set_listen_backlog (socket, LISTEN_BACKLOG);

  /* SO_REUSEADDR for TCP, so that connections in TIME_WAIT from a previous
   * run do not block the port; Linux still refuses a port that is being
   * listened on. */
  if (!g_socket_bind (socket, address, family != G_SOCKET_FAMILY_UNIX, &local_error))
    goto fail;

  if (family == G_SOCKET_FAMILY_UNIX &&
      g_unix_socket_address_get_address_type (G_UNIX_SOCKET_ADDRESS (address)) == G_UNIX_SOCKET_ADDRESS_PATH)
    {
      const char *path = g_unix_socket_address_get_path (G_UNIX_SOCKET_ADDRESS (address));
      struct stat st;

      if (lstat (path, &st) != 0)
        {
          int errsv = errno;

          set_error_from_errno (error, errsv, url, "cannot inspect", path);
          return FALSE;
        }
      self->socket_path = g_strdup (path);
      self->socket_dev = st.st_dev;
      self->socket_ino = st.st_ino;

      /* Before listen(), so that nobody can connect while the umask's
       * permissions are in place. */
      if (g_chmod (path, 0600) != 0)
        {
          int errsv = errno;

          set_error_from_errno (error, errsv, url, "cannot set the permissions of", path);
          return FALSE;
        }
    }

  if (!g_socket_listen (socket, &local_error))
    goto fail;

  g_ptr_array_add (self->sockets, g_steal_pointer (&socket));
  return TRUE;

fail:
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE))
    g_set_error (error, RO_ERROR, RO_ERROR_ADDRESS_IN_USE,
                 "Cannot listen on “%s”: %s", url, local_error->message);
  else
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  "Cannot listen on “%s”: ", url);
    }
  return FALSE;
}

/* Creates the directory of local: sockets, or checks that the existing one
 * is private: a directory that others can write to would let them replace
 * our sockets, or read the names of the services we offer. */
static gboolean
ensure_private_directory (const char  *url,
                          const char  *directory,
                          GError     **error)
{
  struct stat st;
  int result;
  int errsv;

  result = g_mkdir (directory, 0700);
  errsv = errno;

  if (result != 0 && errsv == ENOENT)
    {
      /* The runtime directory itself is missing (the fallback to the cache
       * directory, or a test environment). */
      g_autofree char *parent = g_path_get_dirname (directory);

      if (g_mkdir_with_parents (parent, 0700) != 0)
        {
          errsv = errno;
          set_error_from_errno (error, errsv, url, "cannot create the directory", parent);
          return FALSE;
        }
      result = g_mkdir (directory, 0700);
      errsv = errno;
    }

  if (result == 0)
    {
      /* The umask may have taken bits away; 0700 is what we need. */
      if (g_chmod (directory, 0700) != 0)
        {
          errsv = errno;
          set_error_from_errno (error, errsv, url, "cannot set the permissions of", directory);
          return FALSE;
        }
      return TRUE;
    }

  if (errsv != EEXIST)
    {
      set_error_from_errno (error, errsv, url, "cannot create the directory", directory);
      return FALSE;
    }

  if (lstat (directory, &st) != 0)
    {
      errsv = errno;
      set_error_from_errno (error, errsv, url, "cannot inspect", directory);
      return FALSE;
    }

  if (!S_ISDIR (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   "Cannot listen on “%s”: “%s” is not a directory",
                   url, directory);
      return FALSE;
    }
  if (st.st_uid != geteuid ())
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   "Cannot listen on “%s”: the directory “%s” belongs to user %u, "
                   "not to us; refusing to use it",
                   url, directory, (guint) st.st_uid);
      return FALSE;
    }
  if ((st.st_mode & 0077) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   "Cannot listen on “%s”: the directory “%s” has mode 0%o, "
                   "others may use it; refusing to use it (it must be 0700)",
                   url, directory, (guint) (st.st_mode & 07777));
      return FALSE;
    }

  return TRUE;
}

static gboolean
listen_socket_file (RoListener  *self,
                    const char  *url,
                    const char  *path,
                    GError     **error)
{
  g_autoptr(GSocketAddress) address = NULL;

  if (!clear_socket_path (url, path, error))
    return FALSE;

  address = g_unix_socket_address_new (path);
  return listen_on_address (self, url, address, error);
}

static gboolean
listen_local (RoListener   *self,
              const RoUrl  *url,
              GError      **error)
{
  g_autofree char *path = ro_url_get_socket_path (url);
  g_autofree char *directory = g_path_get_dirname (path);

  if (!ensure_private_directory (self->url, directory, error))
    return FALSE;
  return listen_socket_file (self, self->url, path, error);
}

static gboolean
listen_abstract (RoListener   *self,
                 const RoUrl  *url,
                 GError      **error)
{
  g_autoptr(GSocketAddress) address =
    g_unix_socket_address_new_with_type (url->name, -1, G_UNIX_SOCKET_ADDRESS_ABSTRACT);

  return listen_on_address (self, self->url, address, error);
}

static GList *
resolve_host (const char  *url,
              const char  *host,
              GError     **error)
{
  g_autoptr(GInetAddress) literal = g_inet_address_new_from_string (host);
  g_autoptr(GResolver) resolver = NULL;
  GList *addresses;
  GList *unique = NULL;

  if (literal != NULL)
    return g_list_prepend (NULL, g_steal_pointer (&literal));

  /* Blocking, but only once, when the listener is created. */
  resolver = g_resolver_get_default ();
  addresses = g_resolver_lookup_by_name (resolver, host, NULL, error);
  if (addresses == NULL)
    {
      g_prefix_error (error, "Cannot listen on “%s”: ", url);
      return NULL;
    }

  /* /etc/hosts may list an address twice; binding it twice would fail. */
  for (GList *l = addresses; l != NULL; l = l->next)
    {
      gboolean seen = FALSE;

      for (GList *u = unique; u != NULL && !seen; u = u->next)
        seen = g_inet_address_equal (l->data, u->data);
      if (!seen)
        unique = g_list_prepend (unique, g_object_ref (l->data));
    }
  g_resolver_free_addresses (addresses);

  return g_list_reverse (unique);
}

/* Binds every address in @addresses to one port. Errors other than a port
 * in use are tolerated as long as one address works, so that "localhost"
 * still works where ::1 cannot be bound (IPv6 disabled). */
static gboolean
listen_tcp_addresses (RoListener  *self,
                      const char  *url,
                      GList       *addresses,
                      guint16     *port,
                      gboolean    *retry,
                      GError     **error)
{
  g_autoptr(GError) first_error = NULL;
  guint bound = 0;

  *retry = FALSE;

  for (GList *l = addresses; l != NULL; l = l->next)
    {
      g_autoptr(GSocketAddress) address = g_inet_socket_address_new (l->data, *port);
      g_autoptr(GError) local_error = NULL;

      if (!listen_on_address (self, url, address, &local_error))
        {
          if (g_error_matches (local_error, RO_ERROR, RO_ERROR_ADDRESS_IN_USE))
            {
              /* A port that we picked ourselves may be free elsewhere. */
              *retry = bound > 0;
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          g_debug ("%s", local_error->message);
          if (first_error == NULL)
            first_error = g_steal_pointer (&local_error);
          continue;
        }

      if (*port == 0)
        {
          GSocket *socket = g_ptr_array_index (self->sockets, self->sockets->len - 1);
          g_autoptr(GSocketAddress) local = g_socket_get_local_address (socket, error);

          if (local == NULL)
            return FALSE;
          *port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
        }
      bound++;
    }

  if (bound == 0)
    {
      g_propagate_error (error, g_steal_pointer (&first_error));
      return FALSE;
    }

  return TRUE;
}

static gboolean
listen_tcp (RoListener   *self,
            const RoUrl  *url,
            GError      **error)
{
  g_autolist(GInetAddress) addresses = resolve_host (self->url, url->host, error);
  RoUrl bound_url = *url;

  if (addresses == NULL)
    return FALSE;

  for (guint attempt = 1; ; attempt++)
    {
      g_autoptr(GError) local_error = NULL;
      guint16 port = url->port;
      gboolean retry;

      if (listen_tcp_addresses (self, self->url, addresses, &port, &retry, &local_error))
        {
          bound_url.port = port;
          break;
        }

      if (!retry || attempt == MAX_PORT_ATTEMPTS)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      for (guint i = 0; i < self->sockets->len; i++)
        g_socket_close (g_ptr_array_index (self->sockets, i), NULL);
      g_ptr_array_set_size (self->sockets, 0);
    }

  self->is_tcp = TRUE;
  g_free (self->url);
  self->url = ro_url_to_string (&bound_url);
  return TRUE;
}

/**
 * ro_listener_new:
 * @url: where to listen, such as `local:printer` or `tcp://127.0.0.1:0`
 * @error: return location for a #GError
 *
 * Binds and listens at once. Connections are accepted on the thread-default
 * main context, where #RoListener::incoming is emitted.
 *
 * Returns: (transfer full) (nullable): a new #RoListener, or %NULL with
 *   %RO_ERROR_INVALID_URL, %RO_ERROR_ADDRESS_IN_USE or a #GIOErrorEnum
 */
RoListener *
ro_listener_new (const char  *url,
                 GError     **error)
{
  g_autoptr(RoUrl) parsed = NULL;
  g_autoptr(RoListener) self = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  parsed = ro_url_parse (url, error);
  if (parsed == NULL)
    return NULL;

  self = g_object_new (RO_TYPE_LISTENER, NULL);
  /* Canonical, and the one quoted in errors; tcp fills in the port later. */
  self->url = ro_url_to_string (parsed);

  switch (parsed->scheme)
    {
    case RO_URL_SCHEME_LOCAL:
      ok = listen_local (self, parsed, error);
      break;
    case RO_URL_SCHEME_LOCAL_ABSTRACT:
      ok = listen_abstract (self, parsed, error);
      break;
    case RO_URL_SCHEME_UNIX:
      ok = listen_socket_file (self, self->url, parsed->name, error);
      break;
    case RO_URL_SCHEME_TCP:
    case RO_URL_SCHEME_TLS:
      /* TLS is layered on accepted connections by the host. */
      ok = listen_tcp (self, parsed, error);
      break;
    default:
      g_assert_not_reached ();
    }

  /* On failure, disposing removes any socket file that was created. */
  if (!ok)
    return NULL;

  start_accepting (self);
  return g_steal_pointer (&self);
}

/**
 * ro_listener_get_url:
 * @self: a #RoListener
 *
 * Gets the URL that the listener is bound to, in canonical form and with
 * the real port when port 0 was asked for.
 *
 * Returns: (transfer none): the bound URL
 */
const char *
ro_listener_get_url (RoListener *self)
{
  g_return_val_if_fail (RO_IS_LISTENER (self), NULL);

  return self->url;
}
