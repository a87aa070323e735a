// SPDX-License-Identifier: GPL-2.0
/*
 * netgraph for Linux: a kernel socket layer with the shape of FreeBSD's
 * socket(9), and a socket option container with the shape of NetBSD's
 * sockopt(9).  See ksock.h and Documentation/ksock.rst.
 *
 * Credentials: every socket belongs to a user.  The caller of
 * ng_ksock_create() passes the credentials of the user whose request made
 * the socket (never a kernel credential); they are kept with the socket,
 * inherited by accepted children, and every operation that can reach a
 * permission check (creation, bind to a privileged port, SO_MARK, path
 * lookup of AF_UNIX addresses, credentials passed to an AF_UNIX peer, ...)
 * runs under override_creds() with them, so the result never depends on
 * which task, or worker, does it.  sock_create_kern() skips the checks
 * socket(2) makes for raw sockets (CAP_NET_RAW in the namespace), so that
 * one is made here.  AF_UNIX path names resolve in the calling task's
 * filesystem context: callers use them only in the requesting task.
 *
 * Namespaces: kernel sockets hold no reference on their namespace, so no
 * socket of ours may outlive it.  At close a TCP socket whose namespace is
 * alive takes a reference on it, as a user's socket holds one (the kernel
 * may keep the connection a while to finish it, FIN_WAIT and LAST_ACK);
 * one whose namespace is being dismantled is aborted (RST), so nothing of
 * it is left when the namespace goes.

 * Callbacks: sk_data_ready, sk_write_space and sk_state_change are replaced
 * under write_lock_bh(&sk->sk_callback_lock) and restored the same way;
 * ours take read_lock_bh(), check sk_user_data and never sleep.
 */
#include <linux/bitops.h>
#include <linux/bvec.h>
#include <linux/cred.h>
#include <linux/fcntl.h>
#include <linux/net.h>
#include <linux/slab.h>
#include <linux/sockptr.h>
#include <linux/string.h>
#include <linux/tcp.h>
#include <linux/uio.h>
#include <net/inet_sock.h>
#include <net/sock.h>
#include <net/tcp.h>
#include <net/tcp_states.h>

#include "ksock.h"

/* ---- sockopt(9) ---- */

/**
 * ng_sockopt_init() - initialise a socket option container
 * @so:    the container
 * @level: option level
 * @name:  option name
 * @size:  value size in bytes, or 0 to leave the value unset
 * @gfp:   allocation flags for values larger than an int
 *
 * Return: 0, or -ENOMEM if the value buffer could not be allocated (the
 * container is then unset and may still be destroyed).
 */
int ng_sockopt_init(struct ng_sockopt *so, int level, int name, size_t size,
		    gfp_t gfp)
{
	memset(so, 0, sizeof(*so));
	so->level = level;
	so->name = name;
	if (!size)
		return 0;
	if (size <= sizeof(so->buf)) {
		so->data = so->buf;
	} else {
		so->data = kzalloc(size, gfp);
		if (!so->data)
			return -ENOMEM;
	}
	so->size = size;
	return 0;
}
EXPORT_SYMBOL_GPL(ng_sockopt_init);

/**
 * ng_sockopt_destroy() - release a socket option container's storage
 * @so: the container; it must be initialised again before reuse
 */
void ng_sockopt_destroy(struct ng_sockopt *so)
{
	if (so->data && so->data != so->buf)
		kfree(so->data);
	memset(so, 0, sizeof(*so));
}
EXPORT_SYMBOL_GPL(ng_sockopt_destroy);

/**
 * ng_sockopt_get() - copy the value out of a container
 * @so:    the container
 * @value: where to copy it
 * @size:  size of @value
 *
 * Return: 0, or -EINVAL if the container holds no value or a value of
 * another size.
 */
int ng_sockopt_get(const struct ng_sockopt *so, void *value, size_t size)
{
	if (!so->data || size != so->size)
		return -EINVAL;
	memcpy(value, so->data, size);
	return 0;
}
EXPORT_SYMBOL_GPL(ng_sockopt_get);

/**
 * ng_sockopt_getint() - copy an int value out of a container
 * @so:    the container
 * @value: where to store it
 *
 * Return: 0, or -EINVAL if the container does not hold an int-sized value.
 */
int ng_sockopt_getint(const struct ng_sockopt *so, int *value)
{
	return ng_sockopt_get(so, value, sizeof(*value));
}
EXPORT_SYMBOL_GPL(ng_sockopt_getint);

/**
 * ng_sockopt_set() - copy a value into a container
 * @so:    the container
 * @value: the value
 * @size:  its size; must equal the container's size unless it is unset
 *
 * An unset container gets storage of @size bytes, allocated with
 * GFP_ATOMIC if it is larger than an int (so this never sleeps).
 *
 * Return: 0, -EINVAL on a size mismatch or a zero @size, -ENOMEM if
 * storage could not be allocated.
 */
int ng_sockopt_set(struct ng_sockopt *so, const void *value, size_t size)
{
	if (!size)
		return -EINVAL;
	if (!so->data) {
		if (size <= sizeof(so->buf)) {
			so->data = so->buf;
		} else {
			so->data = kzalloc(size, GFP_ATOMIC);
			if (!so->data)
				return -ENOMEM;
		}
		so->size = size;
	} else if (size != so->size) {
		return -EINVAL;
	}
	memcpy(so->data, value, size);
	return 0;
}
EXPORT_SYMBOL_GPL(ng_sockopt_set);

/**
 * ng_sockopt_setint() - store an int value in a container
 * @so:    the container (int-sized or unset)
 * @value: the value
 *
 * Return: 0, or -EINVAL if the container holds a value of another size.
 */
int ng_sockopt_setint(struct ng_sockopt *so, int value)
{
	return ng_sockopt_set(so, &value, sizeof(value));
}
EXPORT_SYMBOL_GPL(ng_sockopt_setint);

/* ---- callbacks (atomic context) ---- */

static void ng_ksock_sk_data_ready(struct sock *sk)
{
	struct ng_ksock *ks;

	read_lock_bh(&sk->sk_callback_lock);
	ks = sk->sk_user_data;
	if (ks) {
		/*
		 * A TCP child not yet accepted inherits the listener's
		 * callbacks and sk_user_data: only the listener's own
		 * socket is reported; the child just gets the default.
		 */
		if (ks->sk == sk && ks->up && ks->up->data_ready)
			ks->up->data_ready(ks, ks->arg);
		ks->orig_data_ready(sk);
	}
	read_unlock_bh(&sk->sk_callback_lock);
}

static void ng_ksock_sk_write_space(struct sock *sk)
{
	struct ng_ksock *ks;

	read_lock_bh(&sk->sk_callback_lock);
	ks = sk->sk_user_data;
	if (ks) {
		if (ks->sk == sk && ks->up && ks->up->write_space)
			ks->up->write_space(ks, ks->arg);
		ks->orig_write_space(sk);
	}
	read_unlock_bh(&sk->sk_callback_lock);
}

static void ng_ksock_sk_state_change(struct sock *sk)
{
	struct ng_ksock *ks;
	int state, err;

	read_lock_bh(&sk->sk_callback_lock);
	ks = sk->sk_user_data;
	if (!ks)
		goto out;
	if (ks->sk == sk) {
		state = READ_ONCE(sk->sk_state);
		if (state != TCP_SYN_SENT && state != TCP_SYN_RECV &&
		    test_and_clear_bit(NG_KSOCK_CONNECTING, &ks->flags)) {
			if (state == TCP_ESTABLISHED || state == TCP_CLOSE_WAIT)
				err = 0;
			else
				err = -(READ_ONCE(sk->sk_err) ?: ECONNREFUSED);
			if (ks->up && ks->up->connected)
				ks->up->connected(ks, err, ks->arg);
		}
		if (ks->up && ks->up->state_change)
			ks->up->state_change(ks, ks->arg);
	}
	ks->orig_state_change(sk);
out:
	read_unlock_bh(&sk->sk_callback_lock);
}

/*
 * Install our callbacks on ks->sock.  @dr, @ws, @sc are the callbacks to
 * restore at close (and to chain to): the socket's own for a new socket,
 * the listener's saved ones for an accepted child (whose current ones may
 * be ours, inherited from the listener).
 */
static void ng_ksock_install(struct ng_ksock *ks, void (*dr)(struct sock *),
			     void (*ws)(struct sock *),
			     void (*sc)(struct sock *))
{
	struct sock *sk = ks->sock->sk;

	ks->sk = sk;
	write_lock_bh(&sk->sk_callback_lock);
	ks->orig_data_ready = dr ?: sk->sk_data_ready;
	ks->orig_write_space = ws ?: sk->sk_write_space;
	ks->orig_state_change = sc ?: sk->sk_state_change;
	sk->sk_user_data = ks;
	sk->sk_data_ready = ng_ksock_sk_data_ready;
	sk->sk_write_space = ng_ksock_sk_write_space;
	sk->sk_state_change = ng_ksock_sk_state_change;
	write_unlock_bh(&sk->sk_callback_lock);
}

static void ng_ksock_restore(struct ng_ksock *ks)
{
	struct sock *sk = ks->sock->sk;

	write_lock_bh(&sk->sk_callback_lock);
	ng_ksock_udp_restore(ks);
	sk->sk_user_data = NULL;
	sk->sk_data_ready = ks->orig_data_ready;
	sk->sk_write_space = ks->orig_write_space;
	sk->sk_state_change = ks->orig_state_change;
	write_unlock_bh(&sk->sk_callback_lock);
}

static struct ng_ksock *ng_ksock_alloc(const struct cred *cred)
{
	struct ng_ksock *ks = kzalloc(sizeof(*ks), GFP_KERNEL_ACCOUNT);

	if (!ks)
		return NULL;
	ks->cred = get_cred(cred);
	return ks;
}

static void ng_ksock_free(struct ng_ksock *ks)
{
	put_cred(ks->cred);
	kfree(ks);
}

static void ng_ksock_free_rcu(struct rcu_head *head)
{
	ng_ksock_free(container_of(head, struct ng_ksock, rcu));
}

/**
 * ng_ksock_create() - create a kernel socket (socket(9) socreate)
 * @net:      network namespace of the socket; not reference counted, so
 *            the caller must close the socket before @net is dismantled
 *            (e.g. from a pernet pre_exit method)
 * @family:   address family (AF_INET, AF_INET6, AF_UNIX, ...)
 * @type:     socket type (SOCK_STREAM, SOCK_DGRAM, ...)
 * @protocol: protocol, or 0 for the default
 * @cred:     the credentials of the user the socket acts for (referenced)
 * @up:       upcalls (may be NULL); must stay valid until close
 * @arg:      passed to the upcalls
 * @ksp:      the new socket, on success
 *
 * The socket is created with sock_create_kern() under @cred, with the
 * raw-socket check socket(2) would make, and our callbacks are installed
 * before it is returned.  Process context; may sleep.
 *
 * Return: 0 or a negative errno (-ENOMEM, -EPERM, -EAFNOSUPPORT,
 * -EPROTONOSUPPORT, -ESOCKTNOSUPPORT, ...).
 */
int ng_ksock_create(struct net *net, int family, int type, int protocol,
		    const struct cred *cred, const struct ng_ksock_upcalls *up,
		    void *arg, struct ng_ksock **ksp)
{
	const struct cred *old;
	struct ng_ksock *ks;
	int err;

	ks = ng_ksock_alloc(cred);
	if (!ks)
		return -ENOMEM;
	old = override_creds(ks->cred);
	if (type == SOCK_RAW && !ns_capable(net->user_ns, CAP_NET_RAW))
		err = -EPERM;
	else
		err = sock_create_kern(net, family, type, protocol, &ks->sock);
	revert_creds(old);
	if (err) {
		ng_ksock_free(ks);
		return err;
	}
	ks->net = net;
	ks->family = family;
	ks->type = type;
	ks->protocol = protocol;
	ks->up = up;
	ks->arg = arg;
	ng_ksock_install(ks, NULL, NULL, NULL);
	ng_ksock_udp_install(ks);
	*ksp = ks;
	return 0;
}
EXPORT_SYMBOL_GPL(ng_ksock_create);

/* A kernel socket becomes one that holds its namespace, as a user's does. */
static void ng_ksock_hold_net(struct sock *sk)
{
#ifdef NG_HAVE_SK_NET_REFCNT_UPGRADE
	sk_net_refcnt_upgrade(sk);
#else
	/* 6.1: kernel sockets have no tracker and no passive reference */
	struct net *net = sock_net(sk);

	sk->sk_net_refcnt = 1;
	get_net_track(net, &sk->ns_tracker, GFP_KERNEL);
	sock_inuse_add(net, 1);
#endif
}

/*
 * Before the release of a TCP socket: what the kernel keeps of it after
 * the release must either hold the namespace or not exist.
 */
static void ng_ksock_before_release(struct ng_ksock *ks)
{
	struct sock *sk = ks->sock->sk;
	struct net *net;

	if (!sk || sk->sk_protocol != IPPROTO_TCP || sk->sk_type != SOCK_STREAM)
		return;
	net = maybe_get_net(ks->net);
	if (net) {
		ng_ksock_hold_net(sk);
		put_net(net);
	} else {
		/* the namespace is being dismantled: abort, leave nothing */
		sock_no_linger(sk);
	}
}

/**
 * ng_ksock_close() - close a kernel socket (socket(9) soclose)
 * @ks: the socket, or NULL
 *
 * Restores the protocol's callbacks (so nothing of the socket points into
 * this module any more, and no upcall of @ks runs after this returns),
 * releases the socket and frees @ks after an RCU grace period.  A connect in progress is never reported.  A TCP connection is
 * closed gracefully while its namespace lives (the socket then holds the
 * namespace until the kernel is done with it) and aborted when the
 * namespace is being dismantled.  Process context.
 */
void ng_ksock_close(struct ng_ksock *ks)
{
	const struct cred *old;

	if (!ks)
		return;
	clear_bit(NG_KSOCK_CONNECTING, &ks->flags);
	ng_ksock_restore(ks);
	old = override_creds(ks->cred);
	ng_ksock_before_release(ks);
	sock_release(ks->sock);
	revert_creds(old);
	/*
	 * The restore waited for the socket's own upcalls (the write lock),
	 * so none reaches @up any more.  TCP children that were never
	 * accepted carried ks in sk_user_data until sock_release() disposed
	 * of them, and one of their callbacks (softirq, inside an RCU
	 * read-side section) may still read it: free it after a grace
	 * period, without waiting for one here (closing a namespace's N
	 * sockets must not cost N grace periods).
	 */
	call_rcu(&ks->rcu, ng_ksock_free_rcu);
}
EXPORT_SYMBOL_GPL(ng_ksock_close);

/**
 * ng_ksock_bind() - bind a socket to a local address (sobind)
 * @ks:  the socket
 * @sa:  the address
 * @len: its length
 *
 * Runs with the socket's credentials: a privileged port needs
 * CAP_NET_BIND_SERVICE there, an AF_UNIX path is created as that user in
 * the calling task's filesystem context.
 *
 * Return: 0 or a negative errno (-EADDRINUSE, -EADDRNOTAVAIL, -EINVAL...).
 */
int ng_ksock_bind(struct ng_ksock *ks, const struct sockaddr *sa, int len)
{
	const struct cred *old = override_creds(ks->cred);
	int err;

	err = kernel_bind(ks->sock, (void *)sa, len);
	revert_creds(old);
	return err;
}
EXPORT_SYMBOL_GPL(ng_ksock_bind);

/**
 * ng_ksock_listen() - make a stream socket accept connections
 * @ks:      the socket
 * @backlog: accept queue length
 *
 * Incoming connections are reported by the data_ready upcall of @ks.
 *
 * Return: 0 or a negative errno (-EOPNOTSUPP for datagram sockets...).
 */
int ng_ksock_listen(struct ng_ksock *ks, int backlog)
{
	const struct cred *old = override_creds(ks->cred);
	int err;

	err = kernel_listen(ks->sock, backlog);
	revert_creds(old);
	return err;
}
EXPORT_SYMBOL_GPL(ng_ksock_listen);

/**
 * ng_ksock_connect() - connect a socket, without blocking (soconnect)
 * @ks:  the socket
 * @sa:  the peer address
 * @len: its length
 *
 * Return: 0 when connected at once (datagram sockets, AF_UNIX);
 * -EINPROGRESS when a TCP handshake was started: its result is then
 * reported exactly once by the connected upcall (0 or a negative errno
 * such as -ECONNREFUSED or -ETIMEDOUT), possibly before this function
 * returns; another negative errno on immediate failure (no upcall).
 */
int ng_ksock_connect(struct ng_ksock *ks, const struct sockaddr *sa, int len)
{
	bool async = (ks->family == AF_INET || ks->family == AF_INET6) &&
		     ks->type == SOCK_STREAM;
	const struct cred *old;
	int err;

	if (async && test_and_set_bit(NG_KSOCK_CONNECTING, &ks->flags))
		return -EALREADY;
	old = override_creds(ks->cred);
	err = kernel_connect(ks->sock, (void *)sa, len, O_NONBLOCK);
	revert_creds(old);
	if (async && err != -EINPROGRESS)
		clear_bit(NG_KSOCK_CONNECTING, &ks->flags);
	return err;
}
EXPORT_SYMBOL_GPL(ng_ksock_connect);

/**
 * ng_ksock_accept() - accept a connection, without blocking (soaccept)
 * @ks:     the listening socket
 * @up:     upcalls for the new socket (may be NULL)
 * @arg:    passed to them
 * @childp: the new socket, on success
 *
 * The child's callbacks to restore are the listener's saved originals,
 * never the ones the child inherited from the listener.  If data or EOF is
 * already queued on the child, its data_ready upcall is called once
 * before this returns (data that arrived before the upcalls existed).
 *
 * Return: 0, -EAGAIN if no connection is pending, -ENOMEM, or another
 * negative errno.
 */
int ng_ksock_accept(struct ng_ksock *ks, const struct ng_ksock_upcalls *up,
		    void *arg, struct ng_ksock **childp)
{
	struct ng_ksock *child;
	const struct cred *old;
	struct sock *sk;
	int err;

	child = ng_ksock_alloc(ks->cred);
	if (!child)
		return -ENOMEM;
	old = override_creds(ks->cred);
	err = kernel_accept(ks->sock, &child->sock, O_NONBLOCK);
	revert_creds(old);
	if (err) {
		ng_ksock_free(child);
		return err;
	}
	child->net = ks->net;
	child->family = ks->family;
	child->type = ks->type;
	child->protocol = ks->protocol;
	child->up = up;
	child->arg = arg;
	ng_ksock_install(child, ks->orig_data_ready, ks->orig_write_space,
			 ks->orig_state_change);

	sk = child->sock->sk;
	read_lock_bh(&sk->sk_callback_lock);
	if (up && up->data_ready &&
	    (!skb_queue_empty_lockless(&sk->sk_receive_queue) ||
	     (READ_ONCE(sk->sk_shutdown) & RCV_SHUTDOWN)))
		up->data_ready(child, arg);
	read_unlock_bh(&sk->sk_callback_lock);

	*childp = child;
	return 0;
}
EXPORT_SYMBOL_GPL(ng_ksock_accept);

/**
 * ng_ksock_send() - send data without blocking (sosend)
 * @ks:    the socket
 * @buf:   the data
 * @len:   its length
 * @to:    destination for unconnected datagram sockets, or NULL
 * @tolen: length of @to
 *
 * Sends with MSG_DONTWAIT | MSG_NOSIGNAL.
 *
 * Return: the number of bytes sent (a stream socket may send fewer than
 * @len), -EAGAIN if the send buffer is full, or another negative errno
 * (-ENOTCONN, -EPIPE, -EMSGSIZE, ...).
 */
int ng_ksock_send(struct ng_ksock *ks, const void *buf, size_t len,
		  const struct sockaddr *to, int tolen)
{
	struct kvec iov = { .iov_base = (void *)buf, .iov_len = len };
	struct msghdr msg = {
		.msg_name = (void *)to,
		.msg_namelen = to ? tolen : 0,
		.msg_flags = MSG_DONTWAIT | MSG_NOSIGNAL,
	};
	const struct cred *old = override_creds(ks->cred);
	int ret;

	ret = kernel_sendmsg(ks->sock, &msg, &iov, 1, len);
	revert_creds(old);
	return ret;
}
EXPORT_SYMBOL_GPL(ng_ksock_send);

/*
 * One piece of @skb from byte @off on (in its head, or in one run of page
 * fragments that may be referenced), as a sendmsg() iterator; *@splice
 * tells whether its pages may be referenced.  Return: its length.
 */
static unsigned int ng_ksock_stream_piece(const struct sk_buff *skb,
					  unsigned int off, struct bio_vec *bv,
					  int *nbv, struct kvec *kv,
					  bool *splice)
{
	unsigned int len = 0, o;
	int i;

	*nbv = 0;
	*splice = false;
	if (off < skb_headlen(skb)) {
		kv->iov_base = skb->data + off;
		kv->iov_len = skb_headlen(skb) - off;
		return kv->iov_len;
	}
	o = off - skb_headlen(skb);
	for (i = 0; i < skb_shinfo(skb)->nr_frags; i++) {
		const skb_frag_t *f = &skb_shinfo(skb)->frags[i];
		unsigned int sz = skb_frag_size(f);
		bool ok = sendpage_ok(skb_frag_page(f));

		if (o >= sz) {
			o -= sz;
			continue;
		}
		/* a run of pages that are all referable, or one that is not */
		if (*nbv && (!ok || !*splice))
			break;
		*splice = ok;
		bv[*nbv].bv_page = skb_frag_page(f);
		bv[*nbv].bv_offset = skb_frag_off(f) + o;
		bv[*nbv].bv_len = sz - o;
		len += sz - o;
		o = 0;
		(*nbv)++;
		if (!ok)
			break;
	}
	return len;
}

/**
 * ng_ksock_send_stream() - send a packet's bytes on a stream socket
 * @ks:  the socket
 * @skb: the packet (not modified)
 * @off: from this byte on
 *
 * Bytes in the packet's head are copied; its page fragments are sent by
 * reference (MSG_SPLICE_PAGES, or sendpage() before 6.5), as splice(2)
 * sends them, so the packet's pages must not change afterwards.  Without
 * blocking, with the socket's credentials.
 *
 * Return: the bytes sent (possibly fewer than asked: call again with the
 * new offset), -EAGAIN if the send buffer is full, -EINVAL for a packet
 * with a frag_list (linearize it first), or another negative errno
 * (-EPIPE, -ENOTCONN...).
 */
int ng_ksock_send_stream(struct ng_ksock *ks, const struct sk_buff *skb,
			 unsigned int off)
{
	struct bio_vec bv[MAX_SKB_FRAGS];
	struct msghdr msg = { .msg_flags = MSG_DONTWAIT | MSG_NOSIGNAL };
	const struct cred *old;
	unsigned int len;
	struct kvec kv;
	bool splice;
	int nbv, ret;

	if (off >= skb->len)
		return 0;
	if (skb_has_frag_list(skb))
		return -EINVAL;	/* the caller linearizes such packets */
	len = ng_ksock_stream_piece(skb, off, bv, &nbv, &kv, &splice);
	if (!len)
		return -EINVAL;
	old = override_creds(ks->cred);
	if (!nbv) {
		ret = kernel_sendmsg(ks->sock, &msg, &kv, 1, len);
	} else if (!splice) {
		/* pages that may not be referenced (slab): copied */
		iov_iter_bvec(&msg.msg_iter, ITER_SOURCE, bv, nbv, len);
		ret = sock_sendmsg(ks->sock, &msg);
	} else {
#ifdef NG_HAVE_MSG_SPLICE_PAGES
		msg.msg_flags |= MSG_SPLICE_PAGES;
		iov_iter_bvec(&msg.msg_iter, ITER_SOURCE, bv, nbv, len);
		ret = sock_sendmsg(ks->sock, &msg);
#else
		ret = kernel_sendpage(ks->sock, bv[0].bv_page, bv[0].bv_offset,
				      bv[0].bv_len, msg.msg_flags);
#endif
	}
	revert_creds(old);
	return ret;
}
EXPORT_SYMBOL_GPL(ng_ksock_send_stream);

/**
 * ng_ksock_recv_stream() - receive stream data into a new packet
 * @ks:   the socket
 * @max:  at most this many bytes
 * @gfp:  allocation flags (with __GFP_ACCOUNT the pages are charged)
 * @skbp: the packet, on success: the bytes in page fragments (which
 *        ng_ksock_send_stream() sends by reference), none in its head
 *
 * Reads what the socket holds, up to @max, without blocking; for TCP the
 * packet's pages are sized to what is queued.
 *
 * Return: the bytes received (the packet's length), 0 at the end of the
 * stream (*@skbp is then an empty packet), -EAGAIN if nothing is queued
 * (no packet), -ENOMEM, or another negative errno (no packet).
 */
int ng_ksock_recv_stream(struct ng_ksock *ks, size_t max, gfp_t gfp,
			 struct sk_buff **skbp)
{
	struct bio_vec bv[MAX_SKB_FRAGS];
	struct msghdr msg = {};
	struct sock *sk = ks->sk;
	struct sk_buff *skb;
	size_t want = max;
	int i, err;

	if (sk->sk_protocol == IPPROTO_TCP) {
		u32 inq = READ_ONCE(tcp_sk(sk)->rcv_nxt) -
			  READ_ONCE(tcp_sk(sk)->copied_seq);

		/* nothing queued may still be the end: one page to learn it */
		want = clamp_t(size_t, inq, 1, max);
	}
	want = PAGE_ALIGN(want);
	skb = alloc_skb_with_frags(0, want, PAGE_ALLOC_COSTLY_ORDER, &err, gfp);
	if (!skb)
		return -ENOMEM;
	skb->len = want;
	skb->data_len = want;
	for (i = 0; i < skb_shinfo(skb)->nr_frags; i++) {
		const skb_frag_t *f = &skb_shinfo(skb)->frags[i];

		bv[i].bv_page = skb_frag_page(f);
		bv[i].bv_offset = skb_frag_off(f);
		bv[i].bv_len = skb_frag_size(f);
	}
	iov_iter_bvec(&msg.msg_iter, ITER_DEST, bv, i, want);
	err = sock_recvmsg(ks->sock, &msg, MSG_DONTWAIT);
	if (err < 0) {
		kfree_skb(skb);
		return err;
	}
	/* drops the pages past the end */
	if (pskb_trim(skb, err)) {
		kfree_skb(skb);
		return -ENOMEM;
	}
	*skbp = skb;
	return err;
}
EXPORT_SYMBOL_GPL(ng_ksock_recv_stream);

/**
 * ng_ksock_recv() - receive data without blocking (soreceive)
 * @ks:        the socket
 * @buf:       the buffer
 * @len:       its size
 * @from:      the source address, or NULL
 * @fromlen:   its length (0 if the protocol gave none), or NULL
 * @msg_flags: the received msg_flags (MSG_TRUNC, MSG_EOR...), or NULL
 *
 * Return: the number of bytes received, 0 at EOF of a stream socket (or
 * for an empty datagram), -EAGAIN if nothing is queued, or another
 * negative errno.
 */
int ng_ksock_recv(struct ng_ksock *ks, void *buf, size_t len,
		  struct sockaddr_storage *from, int *fromlen, int *msg_flags)
{
	struct kvec iov = { .iov_base = buf, .iov_len = len };
	struct msghdr msg = { .msg_name = from, .msg_namelen = 0 };
	int ret;

	ret = kernel_recvmsg(ks->sock, &msg, &iov, 1, len, MSG_DONTWAIT);
	if (ret >= 0) {
		if (fromlen)
			*fromlen = from ? msg.msg_namelen : 0;
		if (msg_flags)
			*msg_flags = msg.msg_flags;
	}
	return ret;
}
EXPORT_SYMBOL_GPL(ng_ksock_recv);

/**
 * ng_ksock_abort() - reset a connection
 * @ks:  the socket
 * @err: the error its users see (positive, e.g. ECONNABORTED)
 *
 * As sock_diag's SOCK_DESTROY does it (the protocol's diag_destroy: TCP
 * sends a reset and closes).  Process context.
 *
 * Return: 0, or -EOPNOTSUPP for a protocol without it.
 */
int ng_ksock_abort(struct ng_ksock *ks, int err)
{
	struct sock *sk = ks->sk;

	if (!sk->sk_prot->diag_destroy)
		return -EOPNOTSUPP;
	return sk->sk_prot->diag_destroy(sk, err);
}
EXPORT_SYMBOL_GPL(ng_ksock_abort);

/**
 * ng_ksock_shutdown() - shut down part of a connection (soshutdown)
 * @ks:  the socket
 * @how: SHUT_RD, SHUT_WR or SHUT_RDWR
 *
 * Return: 0 or a negative errno (-ENOTCONN...).
 */
int ng_ksock_shutdown(struct ng_ksock *ks, enum sock_shutdown_cmd how)
{
	return kernel_sock_shutdown(ks->sock, how);
}
EXPORT_SYMBOL_GPL(ng_ksock_shutdown);

/**
 * ng_ksock_getname() - the socket's local address
 * @ks: the socket
 * @ss: where to store it
 *
 * Return: the address length, or a negative errno.
 */
int ng_ksock_getname(struct ng_ksock *ks, struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof(*ss));
	return kernel_getsockname(ks->sock, (struct sockaddr *)ss);
}
EXPORT_SYMBOL_GPL(ng_ksock_getname);

/**
 * ng_ksock_getpeername() - the connected peer's address
 * @ks: the socket
 * @ss: where to store it
 *
 * Return: the address length, or a negative errno (-ENOTCONN).
 */
int ng_ksock_getpeername(struct ng_ksock *ks, struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof(*ss));
	return kernel_getpeername(ks->sock, (struct sockaddr *)ss);
}
EXPORT_SYMBOL_GPL(ng_ksock_getpeername);

/**
 * ng_ksock_setopt() - set a socket option (sosetopt)
 * @ks: the socket
 * @so: level, name and value
 *
 * SOL_SOCKET goes to sock_setsockopt(), other levels to the protocol's
 * setsockopt with a kernel pointer; both under the socket's credentials.
 *
 * Return: 0, -EINVAL if @so holds no value, or the protocol's errno
 * (-ENOPROTOOPT, -EINVAL, ...).
 */
int ng_ksock_setopt(struct ng_ksock *ks, const struct ng_sockopt *so)
{
	struct socket *sock = ks->sock;
	const struct cred *old;
	int err;

	if (!so->data || !so->size || so->size > INT_MAX)
		return -EINVAL;
	old = override_creds(ks->cred);
	if (so->level == SOL_SOCKET)
		err = sock_setsockopt(sock, so->level, so->name,
				      KERNEL_SOCKPTR(so->data), so->size);
	else if (sock->ops->setsockopt)
		err = sock->ops->setsockopt(sock, so->level, so->name,
					    KERNEL_SOCKPTR(so->data), so->size);
	else
		err = -EOPNOTSUPP;
	revert_creds(old);
	return err;
}
EXPORT_SYMBOL_GPL(ng_ksock_setopt);

static int ng_ksock_getopt_locked(struct sock *sk, int level, int name,
				  int *v)
{
	switch (level) {
	case SOL_SOCKET:
		switch (name) {
		case SO_RCVBUF:
			*v = READ_ONCE(sk->sk_rcvbuf);
			return 0;
		case SO_SNDBUF:
			*v = READ_ONCE(sk->sk_sndbuf);
			return 0;
		case SO_MARK:
			*v = READ_ONCE(sk->sk_mark);
			return 0;
		case SO_PRIORITY:
			*v = READ_ONCE(sk->sk_priority);
			return 0;
		case SO_REUSEADDR:
			*v = sk->sk_reuse;
			return 0;
		case SO_REUSEPORT:
			*v = sk->sk_reuseport;
			return 0;
		case SO_KEEPALIVE:
			*v = sock_flag(sk, SOCK_KEEPOPEN);
			return 0;
		case SO_BROADCAST:
			*v = sock_flag(sk, SOCK_BROADCAST);
			return 0;
		case SO_TYPE:
			*v = sk->sk_type;
			return 0;
		case SO_PROTOCOL:
			*v = sk->sk_protocol;
			return 0;
		case SO_DOMAIN:
			*v = sk->sk_family;
			return 0;
		case SO_ACCEPTCONN:
			*v = sk->sk_state == TCP_LISTEN;
			return 0;
		case SO_BINDTOIFINDEX:
			*v = READ_ONCE(sk->sk_bound_dev_if);
			return 0;
		case SO_RCVLOWAT:
			*v = READ_ONCE(sk->sk_rcvlowat);
			return 0;
		case SO_ERROR:
			*v = -sock_error(sk);
			return 0;
		}
		break;
	case IPPROTO_TCP:
		if (sk->sk_protocol != IPPROTO_TCP ||
		    (sk->sk_family != AF_INET && sk->sk_family != AF_INET6))
			return -EOPNOTSUPP;
		switch (name) {
		case TCP_NODELAY:
			*v = !!(tcp_sk(sk)->nonagle & TCP_NAGLE_OFF);
			return 0;
		case TCP_CORK:
			*v = !!(tcp_sk(sk)->nonagle & TCP_NAGLE_CORK);
			return 0;
		}
		break;
	case IPPROTO_IP:
		if (sk->sk_family != AF_INET)
			return -EOPNOTSUPP;
		if (name == IP_TOS) {
			*v = READ_ONCE(inet_sk(sk)->tos);
			return 0;
		}
		break;
	case IPPROTO_IPV6:
		if (sk->sk_family != AF_INET6)
			return -EOPNOTSUPP;
		if (name == IPV6_V6ONLY) {
			*v = sk->sk_ipv6only;
			return 0;
		}
		break;
	}
	return -ENOPROTOOPT;
}

/**
 * ng_ksock_getopt() - get a socket option (sogetopt)
 * @ks: the socket
 * @so: level and name; receives the value
 *
 * Linux has no kernel-pointer getsockopt common to 6.1 and 6.12, so the
 * int-valued options listed in Documentation/ksock.rst are read from the
 * socket under lock_sock(), with the values getsockopt(2) would return.
 * @so must be unset or int-sized.
 *
 * Return: 0, -EINVAL if @so has another size, -ENOPROTOOPT for an option
 * not in the list, -EOPNOTSUPP for a level that does not apply to the
 * socket.
 */
int ng_ksock_getopt(struct ng_ksock *ks, struct ng_sockopt *so)
{
	struct sock *sk = ks->sock->sk;
	int err, v = 0;

	if (so->data && so->size != sizeof(int))
		return -EINVAL;
	lock_sock(sk);
	err = ng_ksock_getopt_locked(sk, so->level, so->name, &v);
	release_sock(sk);
	if (err)
		return err;
	return ng_sockopt_setint(so, v);
}
EXPORT_SYMBOL_GPL(ng_ksock_getopt);

/**
 * ng_ksock_setopt_int() - set an int-valued socket option
 * @ks:    the socket
 * @level: option level
 * @name:  option name
 * @value: the value
 *
 * Return: as ng_ksock_setopt().
 */
int ng_ksock_setopt_int(struct ng_ksock *ks, int level, int name, int value)
{
	struct ng_sockopt so;
	int err;

	ng_sockopt_init(&so, level, name, sizeof(int), GFP_KERNEL);
	ng_sockopt_setint(&so, value);
	err = ng_ksock_setopt(ks, &so);
	ng_sockopt_destroy(&so);
	return err;
}
EXPORT_SYMBOL_GPL(ng_ksock_setopt_int);

/**
 * ng_ksock_getopt_int() - get an int-valued socket option
 * @ks:    the socket
 * @level: option level
 * @name:  option name
 * @value: where to store the value
 *
 * Return: as ng_ksock_getopt().
 */
int ng_ksock_getopt_int(struct ng_ksock *ks, int level, int name, int *value)
{
	struct ng_sockopt so;
	int err;

	ng_sockopt_init(&so, level, name, 0, GFP_KERNEL);
	err = ng_ksock_getopt(ks, &so);
	if (!err)
		err = ng_sockopt_getint(&so, value);
	ng_sockopt_destroy(&so);
	return err;
}
EXPORT_SYMBOL_GPL(ng_ksock_getopt_int);
