/* SPDX-License-Identifier: GPL-2.0 */
/*
 * netgraph for Linux: a kernel socket layer with the shape of FreeBSD's
 * socket(9) and NetBSD's sockopt(9), for the ksocket node type.
 *
 * Rules (Documentation/ksock.rst has the details):
 *
 *  - Credentials: every socket is created with sock_create_kern() in the
 *    struct net the caller names (no reference is taken on it) for a user
 *    whose credentials the caller passes (the requester's, never the
 *    kernel's).  Every operation of this layer that can reach a permission
 *    check runs with those credentials, whichever task calls it, and the
 *    socket is owned by that user (sk_uid).  AF_UNIX path names resolve
 *    in the calling task's filesystem context, so they are used only in
 *    the requesting task.
 *  - Namespaces: a TCP socket closed while its namespace lives holds the
 *    namespace until the kernel is done with it; one closed while the
 *    namespace is dismantled is aborted.
 *  - All functions except the upcalls may sleep: process context only.
 *  - Upcalls run in atomic context (softirq, or with the socket spinlock
 *    held) with sk_callback_lock read-held.  They must not sleep and must
 *    not call back into this layer; queue work instead.
 *  - Teardown: ng_ksock_close() restores the protocol's callbacks, releases
 *    the socket (the restore waits for running upcalls) and frees the
 *    handle after an RCU grace period.  No upcall runs once it has
 *    returned.
 */
#ifndef _NG_KSOCK_H
#define _NG_KSOCK_H

#include <linux/bitops.h>
#include <linux/cred.h>
#include <linux/net.h>
#include <linux/skbuff.h>
#include <linux/socket.h>
#include <linux/types.h>
#include <net/net_namespace.h>

struct ng_ksock;

/**
 * struct ng_ksock_upcalls - the consumer's socket event handlers
 * @data_ready:   data (or a connection, on a listener, or EOF) can be read
 * @write_space:  send buffer space became available
 * @state_change: the protocol state changed (e.g. the peer closed)
 * @connected:    completion of a ng_ksock_connect() that returned
 *                -EINPROGRESS: @err is 0 or a negative errno such as
 *                -ECONNREFUSED.  Called once per such connect.
 * @rcv_ready:    (UDP) whether rcv_skb takes datagrams now; if not (or
 *                for a GSO packet) they go to the receive queue (and
 *                data_ready).  NULL: always.
 * @rcv_skb:      (IPv4 and IPv6 UDP sockets) a datagram, in softirq
 *                before the socket's receive queue (kernel/ksock_udp.c):
 *                skb->data at its payload, @from its source as recvmsg()
 *                gives it.  Consumes @skb.
 *
 * Any member may be NULL.  All run in atomic context and must not sleep.
 * @arg is the pointer given to ng_ksock_create() or ng_ksock_accept().
 */
struct ng_ksock_upcalls {
	void (*data_ready)(struct ng_ksock *ks, void *arg);
	void (*write_space)(struct ng_ksock *ks, void *arg);
	void (*state_change)(struct ng_ksock *ks, void *arg);
	void (*connected)(struct ng_ksock *ks, int err, void *arg);
	bool (*rcv_ready)(struct ng_ksock *ks, void *arg);
	void (*rcv_skb)(struct ng_ksock *ks, struct sk_buff *skb,
			const struct sockaddr_storage *from, int fromlen,
			void *arg);
};

/**
 * struct ng_ksock - a kernel socket and its installed callbacks
 * @sock:   the socket; valid until ng_ksock_close()
 * @net:    its network namespace (not reference counted)
 * @family: address family
 * @type:   socket type (SOCK_STREAM, SOCK_DGRAM, ...)
 * @protocol: protocol number given at creation
 *
 * The other members are private to kernel/ksock.c.
 */
struct ng_ksock {
	struct socket *sock;
	struct net *net;
	int family;
	int type;
	int protocol;
	/* private: to kernel/ksock.c */
	struct sock *sk;		/* sock->sk, compared by the callbacks */
	const struct cred *cred;
	const struct ng_ksock_upcalls *up;
	void *arg;
	unsigned long flags;
	void (*orig_data_ready)(struct sock *sk);
	void (*orig_write_space)(struct sock *sk);
	void (*orig_state_change)(struct sock *sk);
	struct rcu_head rcu;
};

/* ng_ksock.flags: private to kernel/ksock*.c */
enum {
	NG_KSOCK_CONNECTING,	/* a connect returned -EINPROGRESS, not reported yet */
	NG_KSOCK_UDP,		/* IPv4 or IPv6 UDP: the skb paths apply */
};

/* Whether ng_ksock_send_skb() may apply (an IPv4 or IPv6 UDP socket). */
static inline bool ng_ksock_is_udp(const struct ng_ksock *ks)
{
	return test_bit(NG_KSOCK_UDP, &ks->flags);
}

void ng_ksock_udp_install(struct ng_ksock *ks);
void ng_ksock_udp_restore(struct ng_ksock *ks);
bool ng_ksock_rx_empty(const struct ng_ksock *ks);
int ng_ksock_udp_recv(struct ng_ksock *ks, struct sk_buff **skbp,
		      struct sockaddr_storage *from, int *fromlen);

/**
 * struct ng_sockopt - a socket option and its value (NetBSD sockopt(9))
 * @level: option level (SOL_SOCKET, IPPROTO_TCP, ...)
 * @name:  option name
 * @size:  size of the value in bytes; 0 while unset
 * @data:  the value: @buf or an allocated buffer
 * @buf:   internal storage for values up to the size of an int
 *
 * One container holds one level/name/size combination; to reuse it,
 * destroy it and initialise it again.
 */
struct ng_sockopt {
	int level;
	int name;
	size_t size;
	void *data;
	u8 buf[sizeof(int)];
};

int ng_sockopt_init(struct ng_sockopt *so, int level, int name, size_t size,
		    gfp_t gfp);
void ng_sockopt_destroy(struct ng_sockopt *so);
int ng_sockopt_get(const struct ng_sockopt *so, void *value, size_t size);
int ng_sockopt_getint(const struct ng_sockopt *so, int *value);
int ng_sockopt_set(struct ng_sockopt *so, const void *value, size_t size);
int ng_sockopt_setint(struct ng_sockopt *so, int value);

int ng_ksock_create(struct net *net, int family, int type, int protocol,
		    const struct cred *cred, const struct ng_ksock_upcalls *up,
		    void *arg, struct ng_ksock **ksp);
void ng_ksock_close(struct ng_ksock *ks);
int ng_ksock_bind(struct ng_ksock *ks, const struct sockaddr *sa, int len);
int ng_ksock_listen(struct ng_ksock *ks, int backlog);
int ng_ksock_connect(struct ng_ksock *ks, const struct sockaddr *sa, int len);
int ng_ksock_accept(struct ng_ksock *ks, const struct ng_ksock_upcalls *up,
		    void *arg, struct ng_ksock **childp);
int ng_ksock_send(struct ng_ksock *ks, const void *buf, size_t len,
		  const struct sockaddr *to, int tolen);
int ng_ksock_send_skb(struct ng_ksock *ks, struct sk_buff *skb,
		      const struct sockaddr *to, int tolen);
int ng_ksock_finish_csum(struct sk_buff *skb);
int ng_ksock_send_stream(struct ng_ksock *ks, const struct sk_buff *skb,
			 unsigned int off);
int ng_ksock_recv_stream(struct ng_ksock *ks, size_t max, gfp_t gfp,
			 struct sk_buff **skbp);
int ng_ksock_recv(struct ng_ksock *ks, void *buf, size_t len,
		  struct sockaddr_storage *from, int *fromlen, int *msg_flags);
int ng_ksock_shutdown(struct ng_ksock *ks, enum sock_shutdown_cmd how);
int ng_ksock_abort(struct ng_ksock *ks, int err);
int ng_ksock_getname(struct ng_ksock *ks, struct sockaddr_storage *ss);
int ng_ksock_getpeername(struct ng_ksock *ks, struct sockaddr_storage *ss);
int ng_ksock_setopt(struct ng_ksock *ks, const struct ng_sockopt *so);
int ng_ksock_getopt(struct ng_ksock *ks, struct ng_sockopt *so);
int ng_ksock_setopt_int(struct ng_ksock *ks, int level, int name, int value);
int ng_ksock_getopt_int(struct ng_ksock *ks, int level, int name, int *value);

#endif /* _NG_KSOCK_H */
