// SPDX-License-Identifier: GPL-2.0
/*
 * netgraph for Linux: the "ksocket" node type, a kernel socket as a node
 * (FreeBSD's ng_ksocket(4)).
 *
 * One hook, named "family/type/proto"; connecting it creates the socket in
 * the node's network namespace (kernel/ksock.c), removing it shuts the node
 * down and closes the socket.  Nodes cloned by NGM_KSOCKET_ACCEPT take one
 * hook of any name and die with their parent until it is connected.
 *
 * Data paths:
 *  - UDP (IPv4 and IPv6) to hook: the packet itself, in softirq, from the
 *    socket's encapsulation hook (rcv_skb, kernel/ksock_udp.c), with its
 *    source address in the metadata; while the hook is not live yet the
 *    datagrams wait in the socket for rx_work.  Order is kept: while
 *    rx_work hands on datagrams that waited (NG_KSOCKET_RX_DRAIN) and
 *    while any wait in the socket, new ones queue behind them.
 *  - Hook to UDP (IPv4 and IPv6): rcvdata sends the packet itself at once
 *    (ng_ksock_send_skb()) while txq is empty and tx_work is not sending
 *    (NG_KSOCKET_TX_BUSY); what that path leaves (a full send buffer,
 *    multicast, fragments, ...) takes txq.
 *  - Socket to hook: the socket's upcalls (atomic) only queue rx_work.  The
 *    worker reads in a loop (datagram per packet: for UDP the packet UDP
 *    queued, not a copy; stream in chunks, EOF as one zero-length packet)
 *    and sends each packet out of the hook under
 *    rcu_read_lock().  A received datagram carries its source address in
 *    the packet metadata (struct ng_skb_meta, id = this node).
 *  - Hook to socket: rcvdata (atomic) appends to txq, bounded by
 *    NG_KSOCKET_TXQ_MAX packets and NG_KSOCKET_TXQ_BYTES bytes
 *    (beyond: dropped and counted); tx_work sends
 *    with MSG_DONTWAIT and stops on -EAGAIN until write_space.  The
 *    destination is the connected peer, else the address in the packet's
 *    metadata if its id is this node or 0, else the packet is dropped with
 *    -ENOTCONN.
 *  - Flow control, FreeBSD's: when txq passes NG_KSOCKET_TXQ_HIWAT packets
 *    or NG_KSOCKET_TXQ_HIWAT_BYTES, tx_work sends NGM_HIGH_WATER_PASSED
 *    upstream through the hook, and NGM_LOW_WATER_PASSED once it is down
 *    to NG_KSOCKET_TXQ_LOWAT packets and NG_KSOCKET_TXQ_LOWAT_BYTES.  A
 *    ksocket told so (by any neighbour) stops reading its socket until
 *    told the other: TCP's window closes, so a relay of two ksocket nodes
 *    loses no stream bytes (rx_work reads at most NG_KSOCKET_RX_BYTES per
 *    run, which leaves the message time to arrive before txq's bound).
 *
 * Concurrency: control methods (graph lock) own the configuration; priv->ks
 * and priv->hook are written only there, before the workers may run or
 * after they are cancelled; the workers and rcvdata read them.  Teardown
 * (ng_ksocket_teardown(), the only path) sets NG_KSOCKET_DYING, cancels the
 * work items, closes the socket (which waits for running upcalls), cancels
 * again and purges the queue.
 */
#include <linux/atomic.h>
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/ctype.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/kernel.h>
#include <linux/memcontrol.h>
#include <linux/module.h>
#include <linux/sched/mm.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/socket.h>
#include <linux/string.h>
#include <linux/un.h>
#include <linux/workqueue.h>
#include <net/sock.h>

#include "netgraph.h"
#include "ksock.h"
#include "ng_parse.h"
#include "../uapi/ng_ksocket.h"

#define NG_KSOCKET_TXQ_MAX	512	/* packets queued towards the socket */
#define NG_KSOCKET_TXQ_BYTES	(8 << 20) /* ... and their bytes */
#define NG_KSOCKET_TXQ_HIWAT	256	/* a ksocket feeding us stops here */
#define NG_KSOCKET_TXQ_HIWAT_BYTES (2 << 20) /* ... or here */
#define NG_KSOCKET_TXQ_LOWAT	64	/* ... and resumes here */
#define NG_KSOCKET_TXQ_LOWAT_BYTES (1 << 20) /* ... and here */
#define NG_KSOCKET_RX_BUDGET	64	/* packets per rx_work run */
#define NG_KSOCKET_RX_BYTES	(1 << 20) /* ... and bytes */
#define NG_KSOCKET_DGRAM_MAX	65536	/* largest datagram read */
#define NG_KSOCKET_STREAM_CHUNK	65536	/* bytes per stream packet, at most */

/* private command: a listener's rx_work asks rcvmsg to retry an accept */
#define NG_KSOCKET_CMD_ACCEPT_RETRY	0x4b530001

enum {
	NG_KSOCKET_DYING,	/* teardown started: queue no more work */
	NG_KSOCKET_CLONED,	/* made by an accept */
	NG_KSOCKET_EMBRYONIC,	/* cloned, hook not yet connected */
	NG_KSOCKET_LISTENING,	/* listen succeeded */
	NG_KSOCKET_CONNECTED,	/* has a peer: sends need no address */
	NG_KSOCKET_CONNECTING,	/* connect returned -EINPROGRESS */
	NG_KSOCKET_CONN_DONE,	/* the connected upcall ran; reply pending */
	NG_KSOCKET_ACCEPT_WAIT,	/* an accept waits for a connection */
	NG_KSOCKET_EOF_SEEN,	/* the zero-length EOF packet was sent */
	NG_KSOCKET_FLOW_HELD,	/* downstream passed its high watermark */
	NG_KSOCKET_HIGH_TOLD,	/* upstream was told ours passed it */
	NG_KSOCKET_RX_DRAIN,	/* rx_work hands on datagrams that waited */
	NG_KSOCKET_TX_BUSY,	/* tx_work is sending: rcvdata queues */
	NG_KSOCKET_BROKEN,	/* a stream lost bytes: reset, and go */
	NG_KSOCKET_ABORTED,	/* ... done */
};

struct ng_ksocket_priv {
	struct ng_node *node;
	struct ng_hook *hook;		/* control context writes */
	struct ng_ksock *ks;		/* control context writes */
	int family, type, protocol;
	const struct cred *cred;	/* the creator's (a clone acts with
					 * its socket's, the listener's) */
	struct mem_cgroup *memcg;	/* the creator's (a clone: the
					 * listener's); rx/tx work charge it */
	unsigned long flags;		/* NG_KSOCKET_* bits */
	void *rxbuf;			/* datagram receive buffer (not UDP) */

	struct work_struct rx_work;
	struct work_struct tx_work;
	struct delayed_work flow_retry;	/* a NGM_LOW_WATER_PASSED to resend */
	struct sk_buff_head txq;
	atomic_t txq_bytes;		/* bytes (len) of what txq holds */
	unsigned int tx_off;		/* bytes of txq's head already sent */

	int conn_err;			/* from the connected upcall */
	u32 conn_id, conn_token;	/* who asked to connect */
	u32 acc_id, acc_token;		/* who waits for an accept */

	/* embryos: control context only */
	struct ng_ksocket_priv *parent;
	struct list_head embryos;
	struct list_head embryo_link;

	atomic64_t rx_packets, rx_octets, rx_drops;
	atomic64_t tx_packets, tx_octets, tx_drops, tx_errors, tx_qfull;
	atomic64_t rx_stalls;
	atomic64_t rx_direct, tx_direct;	/* ... of them by the skb paths */
};

static struct ng_type ng_ksocket_type;
static const struct ng_ksock_upcalls ng_ksocket_upcalls;

/* Another reference to a node's memory cgroup (NULL: none, no memcg) */
static struct mem_cgroup *ng_ksocket_memcg_get(struct mem_cgroup *memcg)
{
#ifdef CONFIG_MEMCG
	if (memcg)
		css_get(&memcg->css);
#endif
	return memcg;
}

/* ------------------------------------------------------------ hook names */

struct ng_ksocket_alias {
	const char *name;
	int value;
	int family;		/* 0: any family */
};

static const struct ng_ksocket_alias ng_ksocket_families[] = {
	{ "local", AF_UNIX },
	{ "unix", AF_UNIX },
	{ "inet", AF_INET },
	{ "inet6", AF_INET6 },
	{ NULL }
};

static const struct ng_ksocket_alias ng_ksocket_types[] = {
	{ "stream", SOCK_STREAM },
	{ "dgram", SOCK_DGRAM },
	{ "raw", SOCK_RAW },
	{ "rdm", SOCK_RDM },
	{ "seqpacket", SOCK_SEQPACKET },
	{ NULL }
};

/* FreeBSD's protocol aliases; they work for inet and inet6 */
static const struct ng_ksocket_alias ng_ksocket_protos[] = {
	{ "ip", IPPROTO_IP },
	{ "raw", IPPROTO_RAW },
	{ "icmp", IPPROTO_ICMP, AF_INET },
	{ "icmp", IPPROTO_ICMPV6, AF_INET6 },
	{ "icmp6", IPPROTO_ICMPV6, AF_INET6 },
	{ "igmp", IPPROTO_IGMP },
	{ "tcp", IPPROTO_TCP },
	{ "udp", IPPROTO_UDP },
	{ "gre", IPPROTO_GRE },
	{ "esp", IPPROTO_ESP },
	{ "ah", IPPROTO_AH },
	{ "swipe", 53 },
	{ "encap", 98 },
	{ "pim", IPPROTO_PIM },
	{ NULL }
};

/* One field: an alias, a decimal number, or empty (0). */
static int ng_ksocket_field(const char *s, size_t len,
			    const struct ng_ksocket_alias *tab, int family,
			    int *value)
{
	char buf[16];
	int i;

	if (len >= sizeof(buf))
		return -EINVAL;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (!len) {
		*value = 0;
		return 0;
	}
	for (i = 0; tab[i].name; i++) {
		if (strcmp(buf, tab[i].name))
			continue;
		if (tab[i].family && tab[i].family != family)
			continue;
		*value = tab[i].value;
		return 0;
	}
	if (!isdigit(buf[0]))
		return -EINVAL;
	return kstrtoint(buf, 10, value);
}

/*
 * The sockets a ksocket may open: what a namespace admin could open with
 * socket(2) and what the node can carry.  Nothing else reaches the socket
 * layer (a numeric family such as 16, AF_NETLINK, would give a kernel
 * socket with no file that parts of the kernel do not expect).
 */
static int ng_ksocket_allowed(int family, int type, int proto,
			      struct netlink_ext_ack *extack)
{
	switch (family) {
	case AF_UNIX:
		if (type != SOCK_STREAM && type != SOCK_DGRAM &&
		    type != SOCK_SEQPACKET)
			goto bad_type;
		if (proto)
			goto bad_proto;
		return 0;
	case AF_INET:
	case AF_INET6:
		break;
	default:
		NG_ERR(extack, "ksocket: family not supported (local, inet, inet6)",
		       "ksocket: family %d is not one of local (1), inet (2), inet6 (%d)",
		       family, AF_INET6);
		return -EAFNOSUPPORT;
	}
	switch (type) {
	case SOCK_STREAM:
		if (proto && proto != IPPROTO_TCP)
			goto bad_proto;
		return 0;
	case SOCK_DGRAM:
		if (proto && proto != IPPROTO_UDP &&
		    proto != (family == AF_INET ? IPPROTO_ICMP : IPPROTO_ICMPV6))
			goto bad_proto;
		return 0;
	case SOCK_RAW:
		if (proto < 1 || proto > 255)
			goto bad_proto;
		return 0;
	}
bad_type:
	NG_ERR(extack, "ksocket: socket type not supported for this family",
	       "ksocket: type %d is not supported for family %d (stream, dgram%s)",
	       type, family, family == AF_UNIX ? ", seqpacket" : ", raw");
	return -ESOCKTNOSUPPORT;
bad_proto:
	NG_ERR(extack, "ksocket: protocol not supported for this family and type",
	       "ksocket: protocol %d is not supported for family %d type %d",
	       proto, family, type);
	return -EPROTONOSUPPORT;
}

/**
 * ng_ksocket_parse_hookname - split "family/type/proto"
 * @name: the hook name
 * @family: the address family
 * @type: the socket type
 * @proto: the protocol
 * @extack: error reporting, or NULL
 *
 * Protocol aliases apply to inet and inet6 only; "local" takes 0 or
 * nothing.  Only the combinations of ng_ksocket_allowed() pass.
 *
 * Return:
 * * %0 - parsed
 * * %-EINVAL - not three fields, an unknown alias or a bad number
 * * %-EAFNOSUPPORT, %-ESOCKTNOSUPPORT, %-EPROTONOSUPPORT - not allowed
 */
static int ng_ksocket_parse_hookname(const char *name, int *family,
				     int *type, int *proto,
				     struct netlink_ext_ack *extack)
{
	const char *t, *p;
	int err;

	t = strchr(name, '/');
	if (!t)
		goto inval;
	p = strchr(t + 1, '/');
	if (!p || strchr(p + 1, '/'))
		goto inval;
	err = ng_ksocket_field(name, t - name, ng_ksocket_families, 0,
			       family);
	if (!err)
		err = ng_ksocket_field(t + 1, p - t - 1, ng_ksocket_types, 0,
				       type);
	if (err)
		goto inval;
	if (*family == AF_INET || *family == AF_INET6)
		err = ng_ksocket_field(p + 1, strlen(p + 1),
				       ng_ksocket_protos, *family, proto);
	else
		err = ng_ksocket_field(p + 1, strlen(p + 1),
				       ng_ksocket_protos + ARRAY_SIZE(ng_ksocket_protos) - 1,
				       0, proto);
	if (err)
		goto inval;
	return ng_ksocket_allowed(*family, *type, *proto, extack);
inval:
	NL_SET_ERR_MSG(extack, "ksocket: the hook name is not family/type/proto");
	return -EINVAL;
}

/* A connection-oriented socket: data waits for the connection. */
static bool ng_ksocket_conn_type(const struct ng_ksocket_priv *priv)
{
	return priv->type == SOCK_STREAM || priv->type == SOCK_SEQPACKET;
}

/* ------------------------------------------------------------ upcalls */

static void ng_ksocket_queue(struct ng_ksocket_priv *priv,
			     struct work_struct *work)
{
	if (!test_bit(NG_KSOCKET_DYING, &priv->flags))
		queue_work(system_unbound_wq, work);
}

static void ng_ksocket_data_ready(struct ng_ksock *ks, void *arg)
{
	struct ng_ksocket_priv *priv = arg;

	ng_ksocket_queue(priv, &priv->rx_work);
}

static void ng_ksocket_write_space(struct ng_ksock *ks, void *arg)
{
	struct ng_ksocket_priv *priv = arg;

	if (!skb_queue_empty_lockless(&priv->txq))
		ng_ksocket_queue(priv, &priv->tx_work);
}

static void ng_ksocket_state_change(struct ng_ksock *ks, void *arg)
{
	struct ng_ksocket_priv *priv = arg;

	ng_ksocket_queue(priv, &priv->rx_work);
	if (!skb_queue_empty_lockless(&priv->txq))
		ng_ksocket_queue(priv, &priv->tx_work);
}

static void ng_ksocket_connected(struct ng_ksock *ks, int err, void *arg)
{
	struct ng_ksocket_priv *priv = arg;

	WRITE_ONCE(priv->conn_err, err);
	set_bit(NG_KSOCKET_CONN_DONE, &priv->flags);
	ng_ksocket_queue(priv, &priv->rx_work);
}

static bool ng_ksocket_rcv_ready(struct ng_ksock *ks, void *arg);
static void ng_ksocket_rcv_skb(struct ng_ksock *ks, struct sk_buff *skb,
			       const struct sockaddr_storage *from,
			       int fromlen, void *arg);

static const struct ng_ksock_upcalls ng_ksocket_upcalls = {
	.data_ready	= ng_ksocket_data_ready,
	.write_space	= ng_ksocket_write_space,
	.state_change	= ng_ksocket_state_change,
	.connected	= ng_ksocket_connected,
	.rcv_ready	= ng_ksocket_rcv_ready,
	.rcv_skb	= ng_ksocket_rcv_skb,
};

/* ------------------------------------------------------------ receive */

/* A message from this node to @id (0: nobody, dropped); @msg consumed. */
static void ng_ksocket_send_msg(struct ng_ksocket_priv *priv, u32 id,
				struct ng_mesg *msg)
{
	if (!id) {
		kvfree(msg);
		return;
	}
	ng_send_msg_id(priv->node, id, msg);
}

/* The late reply to a connect that returned -EINPROGRESS: __s32 errno. */
static void ng_ksocket_connect_reply(struct ng_ksocket_priv *priv)
{
	int err = READ_ONCE(priv->conn_err);
	struct ng_mesg *msg;
	s32 e = -err;

	clear_bit(NG_KSOCKET_CONNECTING, &priv->flags);
	if (!err) {
		set_bit(NG_KSOCKET_CONNECTED, &priv->flags);
		if (!skb_queue_empty(&priv->txq))
			ng_ksocket_queue(priv, &priv->tx_work);
	}
	msg = ng_mkmessage(NGM_KSOCKET_COOKIE, NGM_KSOCKET_CONNECT, "connect",
			   sizeof(e), GFP_KERNEL);
	if (!msg)
		return;
	msg->header.flags = NGF_RESP;
	msg->header.token = priv->conn_token;
	memcpy(msg->data, &e, sizeof(e));
	ng_ksocket_send_msg(priv, priv->conn_id, msg);
}

/* A listener has a connection for a waiting accept: retry it in rcvmsg. */
static void ng_ksocket_accept_kick(struct ng_ksocket_priv *priv)
{
	struct ng_mesg *msg;

	msg = ng_mkmessage(NGM_KSOCKET_COOKIE, NG_KSOCKET_CMD_ACCEPT_RETRY,
			   "acceptretry", 0, GFP_KERNEL);
	if (msg)
		ng_ksocket_send_msg(priv, ng_node_id(priv->node), msg);
}

/*
 * Whether the hook carries data yet: a clone's connect method runs before
 * the core makes the hook live, and its socket's upcalls may queue
 * rx_work in between (the live method queues it again).
 */
static bool ng_ksocket_hook_live(struct ng_ksocket_priv *priv)
{
	struct ng_hook *hook;
	bool live;

	rcu_read_lock();
	hook = READ_ONCE(priv->hook);
	live = hook && ng_hook_peer_node_rcu(hook);
	rcu_read_unlock();
	return live;
}

/* The queue is at its high watermark, in packets or in bytes. */
static bool ng_ksocket_txq_high(struct ng_ksocket_priv *priv)
{
	return skb_queue_len_lockless(&priv->txq) >= NG_KSOCKET_TXQ_HIWAT ||
	       atomic_read(&priv->txq_bytes) >= NG_KSOCKET_TXQ_HIWAT_BYTES;
}

/* ... and down at its low watermark. */
static bool ng_ksocket_txq_low(struct ng_ksocket_priv *priv)
{
	return skb_queue_len_lockless(&priv->txq) <= NG_KSOCKET_TXQ_LOWAT &&
	       atomic_read(&priv->txq_bytes) <= NG_KSOCKET_TXQ_LOWAT_BYTES;
}

/*
 * Tell the node feeding us that the queue passed a watermark: FreeBSD's
 * NGM_HIGH_WATER_PASSED or NGM_LOW_WATER_PASSED, upstream through the
 * hook, with the queue's state.  Process context.
 */
static int ng_ksocket_flow_tell(struct ng_ksocket_priv *priv, u32 cmd)
{
	struct ngm_queue_state *qs;
	struct ng_hook *hook;
	struct ng_mesg *msg;
	int err = -ENOTCONN;

	msg = ng_mkmessage(NGM_FLOW_COOKIE, cmd,
			   cmd == NGM_HIGH_WATER_PASSED ? "highwater" :
							  "lowwater",
			   sizeof(*qs), GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	qs = (struct ngm_queue_state *)msg->data;
	qs->queue_priority = ~0U;
	qs->max_queuelen_bytes = NG_KSOCKET_TXQ_BYTES;
	qs->max_queuelen_packets = NG_KSOCKET_TXQ_MAX;
	qs->low_watermark = NG_KSOCKET_TXQ_LOWAT;
	qs->high_watermark = NG_KSOCKET_TXQ_HIWAT;
	qs->queued = skb_queue_len_lockless(&priv->txq);
	rcu_read_lock();
	hook = READ_ONCE(priv->hook);
	if (hook)
		err = ng_send_msg_hook(priv->node, hook, msg);
	else
		kvfree(msg);
	rcu_read_unlock();
	return err;
}

/*
 * Called as the queue changes: tell upstream when a watermark is passed.
 * A NGM_LOW_WATER_PASSED that could not be sent (no memory, the
 * namespace's message queue full; not: no hook) is tried again in 100 ms:
 * upstream would otherwise never read again.  A lost NGM_HIGH_WATER_PASSED
 * is tried at the next change.
 */
static void ng_ksocket_flow_check(struct ng_ksocket_priv *priv)
{
	int err;

	if (ng_ksocket_txq_high(priv)) {
		if (!test_and_set_bit(NG_KSOCKET_HIGH_TOLD, &priv->flags) &&
		    ng_ksocket_flow_tell(priv, NGM_HIGH_WATER_PASSED))
			clear_bit(NG_KSOCKET_HIGH_TOLD, &priv->flags);
	} else if (ng_ksocket_txq_low(priv) &&
		   test_and_clear_bit(NG_KSOCKET_HIGH_TOLD, &priv->flags)) {
		err = ng_ksocket_flow_tell(priv, NGM_LOW_WATER_PASSED);
		if (err && err != -ENOTCONN) {
			set_bit(NG_KSOCKET_HIGH_TOLD, &priv->flags);
			if (!test_bit(NG_KSOCKET_DYING, &priv->flags))
				queue_delayed_work(system_unbound_wq,
						   &priv->flow_retry, HZ / 10);
		}
	}
}

static void ng_ksocket_flow_retry(struct work_struct *work)
{
	struct ng_ksocket_priv *priv = container_of(to_delayed_work(work),
						    struct ng_ksocket_priv,
						    flow_retry);
	struct mem_cgroup *old = set_active_memcg(priv->memcg);

	ng_ksocket_flow_check(priv);
	set_active_memcg(old);
}

/*
 * A ksocket peer's queue is high (the reader asks before each read): hold
 * now, as its NGM_HIGH_WATER_PASSED will say, which is queued and may come
 * late, after the 8 MiB a fast stream needs to overflow the peer's queue.
 * The peer is marked as having told us, so its NGM_LOW_WATER_PASSED
 * releases us.
 */
static bool ng_ksocket_peer_high(struct ng_ksocket_priv *priv)
{
	struct ng_ksocket_priv *pp;
	struct ng_node *peer;
	struct ng_hook *hook;
	bool held = false;

	rcu_read_lock();
	hook = READ_ONCE(priv->hook);
	peer = hook ? ng_hook_peer_node_rcu(hook) : NULL;
	if (peer && ng_node_type(peer) == &ng_ksocket_type) {
		pp = ng_node_priv(peer);
		if (ng_ksocket_txq_high(pp)) {
			set_bit(NG_KSOCKET_FLOW_HELD, &priv->flags);
			set_bit(NG_KSOCKET_HIGH_TOLD, &pp->flags);
			smp_mb__after_atomic();
			/* drained meanwhile: its last check may have missed it */
			if (ng_ksocket_txq_low(pp) &&
			    test_and_clear_bit(NG_KSOCKET_HIGH_TOLD, &pp->flags))
				clear_bit(NG_KSOCKET_FLOW_HELD, &priv->flags);
			held = test_bit(NG_KSOCKET_FLOW_HELD, &priv->flags);
		}
	}
	rcu_read_unlock();
	return held;
}

/* Send @skb out of the hook (consumed); counts it. */
static void ng_ksocket_forward(struct ng_ksocket_priv *priv,
			       struct sk_buff *skb)
{
	struct ng_hook *hook;

	atomic64_inc(&priv->rx_packets);
	atomic64_add(skb->len, &priv->rx_octets);
	rcu_read_lock();
	hook = READ_ONCE(priv->hook);
	if (hook) {
		if (ng_send_data(hook, skb))
			atomic64_inc(&priv->rx_drops);
	} else {
		atomic64_inc(&priv->rx_drops);
		ng_drop(priv->node, skb, NG_DROP_NOT_CONNECTED);
	}
	rcu_read_unlock();
}

/* Attach the source address to @skb's metadata when it fits. */
static void ng_ksocket_tag(struct ng_ksocket_priv *priv, struct sk_buff *skb,
			   const struct sockaddr_storage *from, int fromlen)
{
	struct ng_skb_meta *meta = ng_skb_meta(skb);

	ng_skb_meta_clear(skb);
	if (fromlen < (int)sizeof(sa_family_t) ||
	    fromlen > NG_SKB_META_ADDRLEN)
		return;
	meta->id = ng_node_id(priv->node);
	meta->addrlen = fromlen;
	memcpy(meta->addr, from, fromlen);
}

/*
 * Whether UDP datagrams are taken in softirq now (the rcv_ready upcall):
 * not until the hook is live, so nothing is sent into a dead end, and not
 * while downstream asked us to stop reading; they wait in the socket for
 * rx_work then.
 */
static bool ng_ksocket_rcv_ready(struct ng_ksock *ks, void *arg)
{
	struct ng_ksocket_priv *priv = arg;

	return !test_bit(NG_KSOCKET_DYING, &priv->flags) &&
	       !test_bit(NG_KSOCKET_FLOW_HELD, &priv->flags) &&
	       !test_bit(NG_KSOCKET_RX_DRAIN, &priv->flags) &&
	       ng_ksocket_hook_live(priv);
}

/* A UDP datagram as UDP had it, with its source: out of the hook. */
static void ng_ksocket_take(struct ng_ksocket_priv *priv, struct sk_buff *skb,
			    const struct sockaddr_storage *from, int fromlen)
{
	if (ng_skb_from_stack(skb)) {
		atomic64_inc(&priv->rx_drops);
		ng_drop(priv->node, skb, NG_DROP_NOMEM);
		return;
	}
	ng_ksocket_tag(priv, skb, from, fromlen);
	ng_ksocket_forward(priv, skb);
}

/* A UDP datagram in softirq (the rcv_skb upcall). */
static void ng_ksocket_rcv_skb(struct ng_ksock *ks, struct sk_buff *skb,
			       const struct sockaddr_storage *from,
			       int fromlen, void *arg)
{
	struct ng_ksocket_priv *priv = arg;

	atomic64_inc(&priv->rx_direct);
	ng_ksocket_take(priv, skb, from, fromlen);
}

/*
 * Read one datagram (or seqpacket record); 0 to go on, -EAGAIN when the
 * socket is empty, -ESHUTDOWN once a connection-oriented socket ended.
 */
static int ng_ksocket_rx_dgram(struct ng_ksocket_priv *priv)
{
	struct sock *sk = priv->ks->sock->sk;
	struct sockaddr_storage from;
	int fromlen = 0, mflags = 0;
	struct sk_buff *skb;
	int len;

	if (test_bit(NG_KSOCKET_EOF_SEEN, &priv->flags))
		return -ESHUTDOWN;
	if (ng_ksock_is_udp(priv->ks)) {
		/* the datagram UDP queued itself, as the softirq path has it */
		len = ng_ksock_udp_recv(priv->ks, &skb, &from, &fromlen);
		if (len == -EAGAIN)
			return -EAGAIN;
		if (len >= 0)
			ng_ksocket_take(priv, skb, &from, fromlen);
		else if (len == -ENOMEM)
			atomic64_inc(&priv->rx_drops);
		return 0;	/* or an error report, e.g. ICMP's */
	}
	len = ng_ksock_recv(priv->ks, priv->rxbuf, NG_KSOCKET_DGRAM_MAX, &from,
			    &fromlen, &mflags);
	if (len == -EAGAIN)
		return -EAGAIN;
	if (ng_ksocket_conn_type(priv) &&
	    (len < 0 || (!len && (READ_ONCE(sk->sk_shutdown) & RCV_SHUTDOWN)))) {
		/* the connection ended: one zero-length packet, once */
		skb = alloc_skb(0, GFP_KERNEL_ACCOUNT);
		set_bit(NG_KSOCKET_EOF_SEEN, &priv->flags);
		if (skb)
			ng_ksocket_forward(priv, skb);
		return -ESHUTDOWN;
	}
	if (len < 0)
		return 0;	/* a datagram socket's error report, e.g. ICMP */
	if (mflags & MSG_TRUNC) {
		atomic64_inc(&priv->rx_drops);
		return 0;
	}
	skb = alloc_skb(len, GFP_KERNEL_ACCOUNT);
	if (!skb) {
		atomic64_inc(&priv->rx_drops);
		return 0;
	}
	skb_put_data(skb, priv->rxbuf, len);
	ng_ksocket_tag(priv, skb, &from, fromlen);
	ng_skb_meta(skb)->flags = NG_SKB_META_CHARGED;
	ng_ksocket_forward(priv, skb);
	return 0;
}

/*
 * Read one stream chunk (up to NG_KSOCKET_STREAM_CHUNK bytes, in pages of
 * the creator's, which the peer ksocket sends by reference); -EAGAIN
 * when empty, -ESHUTDOWN after EOF.
 */
static int ng_ksocket_rx_stream(struct ng_ksocket_priv *priv)
{
	struct sk_buff *skb;
	int len;

	if (test_bit(NG_KSOCKET_EOF_SEEN, &priv->flags))
		return -ESHUTDOWN;
	len = ng_ksock_recv_stream(priv->ks, NG_KSOCKET_STREAM_CHUNK,
				   GFP_KERNEL_ACCOUNT, &skb);
	if (len == -EAGAIN || len == -ENOMEM)
		return len;
	if (len <= 0) {
		/* EOF or a reset: one zero-length packet, once */
		set_bit(NG_KSOCKET_EOF_SEEN, &priv->flags);
		if (len < 0)
			skb = alloc_skb(0, GFP_KERNEL_ACCOUNT);
		if (skb) {
			ng_skb_meta_clear(skb);
			ng_skb_meta(skb)->flags = NG_SKB_META_CHARGED;
			ng_ksocket_forward(priv, skb);
		}
		return -ESHUTDOWN;
	}
	ng_skb_meta_clear(skb);
	ng_skb_meta(skb)->flags = NG_SKB_META_CHARGED;
	ng_ksocket_forward(priv, skb);
	return 0;
}

static void __ng_ksocket_rx_work(struct ng_ksocket_priv *priv)
{
	bool stream;
	s64 octets;
	int n, err;

	if (test_bit(NG_KSOCKET_DYING, &priv->flags))
		return;
	if (test_and_clear_bit(NG_KSOCKET_CONN_DONE, &priv->flags))
		ng_ksocket_connect_reply(priv);
	if (test_bit(NG_KSOCKET_LISTENING, &priv->flags)) {
		if (test_bit(NG_KSOCKET_ACCEPT_WAIT, &priv->flags))
			ng_ksocket_accept_kick(priv);
		return;
	}
	if (!READ_ONCE(priv->hook))
		return;	/* an embryo: the data waits in the socket */
	if (!ng_ksocket_hook_live(priv))
		return;	/* being connected: the live method requeues us */
	stream = priv->type == SOCK_STREAM;
	if (!stream) {
		/* what waited goes first: the softirq path waits meanwhile */
		set_bit(NG_KSOCKET_RX_DRAIN, &priv->flags);
		smp_mb__after_atomic();
	}
	octets = atomic64_read(&priv->rx_octets);
	for (n = 0; n < NG_KSOCKET_RX_BUDGET &&
		    atomic64_read(&priv->rx_octets) - octets < NG_KSOCKET_RX_BYTES;
	     n++) {
		if (test_bit(NG_KSOCKET_FLOW_HELD, &priv->flags) ||
		    ng_ksocket_peer_high(priv)) {
			atomic64_inc(&priv->rx_stalls);
			return;	/* NGM_LOW_WATER_PASSED requeues us */
		}
		err = stream ? ng_ksocket_rx_stream(priv) :
			       ng_ksocket_rx_dgram(priv);
		if (err == -EAGAIN && !stream) {
			/*
			 * All out: new datagrams may take the softirq path,
			 * unless one that saw the bit was queued meanwhile
			 * (those after it see it in the queue and wait).
			 */
			clear_bit_unlock(NG_KSOCKET_RX_DRAIN, &priv->flags);
			smp_mb__after_atomic();
			if (ng_ksock_rx_empty(priv->ks))
				return;
			set_bit(NG_KSOCKET_RX_DRAIN, &priv->flags);
			smp_mb__after_atomic();
			continue;
		}
		if (err == -EAGAIN || err == -ESHUTDOWN)
			return;
		if (err)
			break;	/* no memory: try again later */
	}
	ng_ksocket_queue(priv, &priv->rx_work);
}

/*
 * The workers allocate for the node's creator: what they allocate with
 * __GFP_ACCOUNT (received packets) is charged to the creator's memory
 * cgroup, not to nobody.
 */
static void ng_ksocket_rx_work(struct work_struct *work)
{
	struct ng_ksocket_priv *priv =
		container_of(work, struct ng_ksocket_priv, rx_work);
	struct mem_cgroup *old = set_active_memcg(priv->memcg);

	__ng_ksocket_rx_work(priv);
	set_active_memcg(old);
}

/* ------------------------------------------------------------ transmit */

/* An AF_UNIX address with a path name (not abstract, not unnamed)? */
static bool ng_ksocket_unix_path(const void *sa, int len)
{
	const struct sockaddr_un *sun = sa;

	return len > (int)offsetof(struct sockaddr_un, sun_path) &&
	       sun->sun_family == AF_UNIX && sun->sun_path[0];
}

/* The destination of @skb: its metadata's address if it is ours, else 0. */
static int ng_ksocket_dest(struct ng_ksocket_priv *priv, struct sk_buff *skb,
			   struct sockaddr_storage *to)
{
	struct ng_skb_meta *meta = ng_skb_meta(skb);

	if (!meta->addrlen || meta->addrlen > NG_SKB_META_ADDRLEN ||
	    (meta->id && meta->id != ng_node_id(priv->node)))
		return 0;
	if (ng_ksocket_unix_path(meta->addr, meta->addrlen))
		return 0;	/* tx_work has no user's filesystem to look in */
	memset(to, 0, sizeof(*to));
	memcpy(to, meta->addr, meta->addrlen);
	return meta->addrlen;
}

static void ng_ksocket_txq_unlink(struct ng_ksocket_priv *priv,
				  struct sk_buff *skb)
{
	skb_unlink(skb, &priv->txq);
	atomic_sub(skb->len, &priv->txq_bytes);
}

static void ng_ksocket_tx_drop(struct ng_ksocket_priv *priv,
			       struct sk_buff *skb, atomic64_t *counter,
			       enum ng_drop_reason reason)
{
	atomic64_inc(counter);
	ng_ksocket_txq_unlink(priv, skb);
	ng_drop(priv->node, skb, reason);
	priv->tx_off = 0;
}

/*
 * A datagram sent as it is (ng_ksock_send_skb()), to @to if @tolen, else
 * to the connected peer; counted.  Return: 0 (sent), -EAGAIN (@skb
 * untouched), or the error it was dropped with.
 */
static int ng_ksocket_send_skb(struct ng_ksocket_priv *priv,
			       struct sk_buff *skb,
			       struct sockaddr_storage *to, int tolen)
{
	unsigned int len = skb->len;
	int err;

	err = ng_ksock_send_skb(priv->ks, skb,
				tolen ? (struct sockaddr *)to : NULL, tolen);
	if (!err) {
		atomic64_inc(&priv->tx_direct);
		atomic64_inc(&priv->tx_packets);
		atomic64_add(len, &priv->tx_octets);
	} else if (err != -EAGAIN) {
		atomic64_inc(&priv->tx_errors);
	}
	return err;
}

/*
 * tx_work's first try for the UDP packet at the head of txq: the packet
 * itself (ng_ksock_send_skb()), as rcvdata sends while the queue is empty,
 * so a burst that once filled the send buffer is not copied from then on.
 * Return: true if it left the queue (sent, or dropped and counted), false
 * to send it by copy (the skb path does not apply, or the send buffer is
 * full: the copy waits for write_space as well).
 */
static bool ng_ksocket_tx_skb(struct ng_ksocket_priv *priv,
			      struct sk_buff *skb)
{
	struct sockaddr_storage to;
	unsigned int len = skb->len;
	int tolen = 0;

	if (!test_bit(NG_KSOCKET_CONNECTED, &priv->flags)) {
		tolen = ng_ksocket_dest(priv, skb, &to);
		if (!tolen)
			return false;
	}
	ng_ksocket_txq_unlink(priv, skb);
	if (ng_ksocket_send_skb(priv, skb, &to, tolen) == -EAGAIN) {
		/* untouched: back at the head, where it was */
		atomic_add(len, &priv->txq_bytes);
		skb_queue_head(&priv->txq, skb);
		return false;
	}
	ng_ksocket_flow_check(priv);
	return true;
}

/*
 * A stream that lost bytes (its queue overflowed: a neighbour that is not
 * a ksocket did not stop in time): the connection is reset
 * (ECONNABORTED), what waits is dropped and the node goes, and with its
 * hook the graph learns it.  Once.
 */
static void ng_ksocket_break(struct ng_ksocket_priv *priv)
{
	struct sk_buff *skb;

	if (test_and_set_bit(NG_KSOCKET_ABORTED, &priv->flags))
		return;
	/* nor a clean end of the stream for the graph (rx_work's EOF) */
	set_bit(NG_KSOCKET_EOF_SEEN, &priv->flags);
	ng_ksock_abort(priv->ks, ECONNABORTED);
	while ((skb = skb_peek(&priv->txq)))
		ng_ksocket_tx_drop(priv, skb, &priv->tx_errors,
				   NG_DROP_NOT_CONNECTED);
	ng_rmnode_self(priv->node);
}

static void __ng_ksocket_tx_work(struct ng_ksocket_priv *priv)
{
	bool stream = priv->type == SOCK_STREAM;
	struct sockaddr_storage to;
	struct sk_buff *skb;
	int tolen, ret, n = 0;

	if (test_bit(NG_KSOCKET_DYING, &priv->flags))
		return;
	if (test_bit(NG_KSOCKET_BROKEN, &priv->flags)) {
		ng_ksocket_break(priv);
		return;
	}
	ng_ksocket_flow_check(priv);
	/* connecting, or not yet asked to: the connect requeues us */
	if (ng_ksocket_conn_type(priv) &&
	    !test_bit(NG_KSOCKET_CONNECTED, &priv->flags))
		return;
	while ((skb = skb_peek(&priv->txq))) {
		/* a packet after the hole may have been queued meanwhile */
		if (test_bit(NG_KSOCKET_BROKEN, &priv->flags)) {
			ng_ksocket_break(priv);
			return;
		}
		if (n++ >= NG_KSOCKET_RX_BUDGET) {
			ng_ksocket_queue(priv, &priv->tx_work);
			return;
		}
		/* a datagram: the packet itself, if that path applies */
		if (ng_ksock_is_udp(priv->ks) && ng_ksocket_tx_skb(priv, skb))
			continue;
		/* bytes as they will be: the packet's own sum finished */
		if (!priv->tx_off && (ng_ksock_finish_csum(skb) ||
				      ((!stream || skb_has_frag_list(skb)) &&
				       skb_linearize(skb)))) {
			ng_ksocket_tx_drop(priv, skb, &priv->tx_drops,
					   NG_DROP_NOMEM);
			continue;
		}
		if (stream && !skb->len) {
			/* EOF from the graph: no more data for the peer */
			ng_ksock_shutdown(priv->ks, SHUT_WR);
			ret = 0;
		} else if (stream) {
			/* pages by reference, the head copied */
			ret = ng_ksock_send_stream(priv->ks, skb, priv->tx_off);
		} else {
			tolen = test_bit(NG_KSOCKET_CONNECTED, &priv->flags) ?
				0 : ng_ksocket_dest(priv, skb, &to);
			ret = ng_ksock_send(priv->ks, skb->data + priv->tx_off,
					    skb->len - priv->tx_off,
					    tolen ? (struct sockaddr *)&to : NULL,
					    tolen);
		}
		if (ret == -EAGAIN || ret == -ENOBUFS) {
			if (stream || ret == -EAGAIN)
				return;	/* write_space requeues us */
			ng_ksocket_tx_drop(priv, skb, &priv->tx_drops,
					   NG_DROP_QUEUE_FULL);
			continue;
		}
		if (ret < 0) {
			ng_ksocket_tx_drop(priv, skb, &priv->tx_errors,
					   NG_DROP_SEND_ERROR);
			continue;
		}
		if (stream && priv->tx_off + ret < skb->len) {
			priv->tx_off += ret;
			continue;
		}
		atomic64_inc(&priv->tx_packets);
		atomic64_add(skb->len, &priv->tx_octets);
		ng_ksocket_txq_unlink(priv, skb);
		consume_skb(skb);
		priv->tx_off = 0;
		ng_ksocket_flow_check(priv);
	}
	ng_ksocket_flow_check(priv);
}

static void ng_ksocket_tx_work(struct work_struct *work)
{
	struct ng_ksocket_priv *priv =
		container_of(work, struct ng_ksocket_priv, tx_work);
	struct mem_cgroup *old = set_active_memcg(priv->memcg);

	/* before any packet leaves txq: rcvdata must not overtake it */
	set_bit(NG_KSOCKET_TX_BUSY, &priv->flags);
	smp_mb__after_atomic();
	__ng_ksocket_tx_work(priv);
	/* after what it sent; what rcvdata queued meanwhile requeued us */
	clear_bit_unlock(NG_KSOCKET_TX_BUSY, &priv->flags);
	set_active_memcg(old);
}

/*
 * What the queue keeps is charged to the node's creator: a packet nobody
 * was charged for (one from a network stack, e.g. another ksocket's UDP
 * softirq path) is copied into memory of the creator's memory cgroup.
 * Return: the packet to queue, or NULL (no memory; @skb is freed).
 */
static struct sk_buff *ng_ksocket_charge(struct ng_ksocket_priv *priv,
					 struct sk_buff *skb)
{
	struct mem_cgroup *old;
	struct sk_buff *copy;

	if (ng_skb_meta(skb)->flags & NG_SKB_META_CHARGED)
		return skb;
	old = set_active_memcg(priv->memcg);
	copy = skb_copy(skb, GFP_NOWAIT | __GFP_NOWARN | __GFP_ACCOUNT);
	set_active_memcg(old);
	consume_skb(skb);
	if (copy)
		ng_skb_meta(copy)->flags |= NG_SKB_META_CHARGED;
	return copy;
}

/* Nothing older to send first: txq is empty and tx_work is not sending. */
static bool ng_ksocket_tx_idle(struct ng_ksocket_priv *priv)
{
	if (!skb_queue_empty_lockless(&priv->txq))
		return false;
	/* an empty txq because tx_work took its packet: TX_BUSY shows it */
	smp_rmb();
	return !test_bit(NG_KSOCKET_TX_BUSY, &priv->flags);
}

/**
 * ng_ksocket_rcvdata - a packet for the socket
 * @hook: our hook
 * @skb: the packet
 *
 * Return:
 * * %0 - queued for sending
 * * %-ENOTCONN - no socket, a listener, or a datagram socket that is not
 *   connected and no address for this node in the packet's metadata;
 *   dropped.  A stream or seqpacket socket that is not connected yet
 *   queues the data until it is (the queue bound and backpressure apply).
 * * %-ENOBUFS - the queue is full; dropped and counted
 * * %-ENOMEM - no memory to charge the packet to the node's creator;
 *   dropped and counted (tx drops)
 * * other - a UDP datagram sent at once (ng_ksock_send_skb()) was
 *   dropped: %-EACCES, %-ENETUNREACH, ...; counted as a send error
 */
static int ng_ksocket_rcvdata(struct ng_hook *hook, struct sk_buff *skb)
{
	struct ng_ksocket_priv *priv = ng_node_priv(ng_hook_node(hook));
	struct ng_ksock *ks = READ_ONCE(priv->ks);
	struct sockaddr_storage to;
	bool connected;
	int tolen = 0;

	connected = test_bit(NG_KSOCKET_CONNECTED, &priv->flags);
	if (!ng_ksocket_conn_type(priv) && !connected)
		tolen = ng_ksocket_dest(priv, skb, &to);
	if (!ks || test_bit(NG_KSOCKET_LISTENING, &priv->flags) ||
	    (!ng_ksocket_conn_type(priv) && !connected && !tolen)) {
		atomic64_inc(&priv->tx_errors);
		ng_drop(priv->node, skb, ks && !test_bit(NG_KSOCKET_LISTENING,
							 &priv->flags) ?
			NG_DROP_NO_ADDRESS : NG_DROP_NOT_CONNECTED);
		return -ENOTCONN;
	}
	/* UDP: the packet itself, now, unless earlier ones wait */
	if (ng_ksock_is_udp(ks) && ng_ksocket_tx_idle(priv)) {
		int err = ng_ksocket_send_skb(priv, skb, &to, tolen);

		if (err != -EAGAIN)
			return err;
	}
	if (priv->type == SOCK_STREAM &&
	    test_bit(NG_KSOCKET_BROKEN, &priv->flags)) {
		atomic64_inc(&priv->tx_errors);
		ng_drop(priv->node, skb, NG_DROP_NOT_CONNECTED);
		return -ECONNABORTED;
	}
	if (skb_queue_len_lockless(&priv->txq) >= NG_KSOCKET_TXQ_MAX ||
	    atomic_read(&priv->txq_bytes) + skb->len > NG_KSOCKET_TXQ_BYTES) {
		atomic64_inc(&priv->tx_qfull);
		/*
		 * A stream with a hole is not the stream: its peer must not
		 * take what follows for it.  The connection is reset and the
		 * node goes (tx_work).
		 */
		if (priv->type == SOCK_STREAM &&
		    !test_and_set_bit(NG_KSOCKET_BROKEN, &priv->flags))
			ng_ksocket_queue(priv, &priv->tx_work);
		ng_drop(priv->node, skb, NG_DROP_QUEUE_FULL);
		return -ENOBUFS;
	}
	skb = ng_ksocket_charge(priv, skb);
	if (!skb) {
		atomic64_inc(&priv->tx_drops);
		return -ENOMEM;
	}
	atomic_add(skb->len, &priv->txq_bytes);
	skb_queue_tail(&priv->txq, skb);
	ng_ksocket_queue(priv, &priv->tx_work);
	return 0;
}

/* ------------------------------------------------------------ lifetime */

/*
 * Whether every supplementary group of @acting is one of @req's.  Both
 * lists are sorted (groups_sort() before any set_groups()), so one walk
 * over each decides; an unsorted list can only make it answer no.
 */
static bool ng_ksocket_groups_subset(const struct group_info *acting,
				     const struct group_info *req)
{
	int i, j = 0;

	if (acting == req)
		return true;
	for (i = 0; i < acting->ngroups; i++) {
		while (j < req->ngroups && gid_lt(req->gid[j], acting->gid[i]))
			j++;
		if (j == req->ngroups || !gid_eq(req->gid[j], acting->gid[i]))
			return false;
	}
	return true;
}

/*
 * Whether the process behind the request (@req, ng_ctl_cred()) may make a
 * socket act with @acting, the credentials it runs with.  Its requests run
 * with @acting, so the requester must hold at least as much: the same
 * user and groups, supplementary ones included, with the same or more
 * capabilities in the same user namespace, or CAP_SYS_ADMIN in the
 * initial one.  Otherwise any admin of the namespace (a process with
 * CAP_NET_ADMIN alone, say) could act as whoever made the node, root
 * included, and a process that dropped a group could reach what only
 * that group may.  A request from no process (a queued message) may not.
 */
static bool ng_ksocket_may_act(const struct cred *acting,
			       const struct cred *req)
{
	if (!req || !acting)
		return false;
	if (acting == req)
		return true;
	/* req is current_cred(): a request runs in its sender's task */
	if (ns_capable_noaudit(&init_user_ns, CAP_SYS_ADMIN))
		return true;
	return acting->user_ns == req->user_ns &&
	       uid_eq(acting->euid, req->euid) &&
	       uid_eq(acting->fsuid, req->fsuid) &&
	       gid_eq(acting->egid, req->egid) &&
	       gid_eq(acting->fsgid, req->fsgid) &&
	       cap_issubset(acting->cap_effective, req->cap_effective) &&
	       ng_ksocket_groups_subset(acting->group_info, req->group_info);
}

static int ng_ksocket_constructor(struct ng_node *node)
{
	struct ng_ksocket_priv *priv = ng_node_priv(node);

	priv->node = node;
	/* the user whose request made the node: its socket acts for them */
	if (ng_ctl_cred(node)) {
		priv->cred = get_cred(ng_ctl_cred(node));
		priv->memcg = get_mem_cgroup_from_mm(current->mm);
	}
	INIT_WORK(&priv->rx_work, ng_ksocket_rx_work);
	INIT_WORK(&priv->tx_work, ng_ksocket_tx_work);
	INIT_DELAYED_WORK(&priv->flow_retry, ng_ksocket_flow_retry);
	skb_queue_head_init(&priv->txq);
	INIT_LIST_HEAD(&priv->embryos);
	INIT_LIST_HEAD(&priv->embryo_link);
	return 0;
}

/* Allocate what a node with a socket needs besides the socket. */
static int ng_ksocket_prepare(struct ng_ksocket_priv *priv)
{
	if (priv->type == SOCK_STREAM)
		return 0;
	priv->rxbuf = kvmalloc(NG_KSOCKET_DGRAM_MAX, GFP_KERNEL_ACCOUNT);
	return priv->rxbuf ? 0 : -ENOMEM;
}

/*
 * The one teardown path: stop the workers, close the socket (no upcall
 * runs after that), make sure no work is left, drop queued packets.
 */
static void ng_ksocket_teardown(struct ng_ksocket_priv *priv)
{
	set_bit(NG_KSOCKET_DYING, &priv->flags);
	cancel_work_sync(&priv->rx_work);
	cancel_work_sync(&priv->tx_work);
	cancel_delayed_work_sync(&priv->flow_retry);
	if (priv->ks) {
		/* a stream with a hole that tx_work did not reset yet */
		if (test_bit(NG_KSOCKET_BROKEN, &priv->flags) &&
		    !test_and_set_bit(NG_KSOCKET_ABORTED, &priv->flags))
			ng_ksock_abort(priv->ks, ECONNABORTED);
		ng_ksock_close(priv->ks);
		WRITE_ONCE(priv->ks, NULL);
	}
	cancel_work_sync(&priv->rx_work);
	cancel_work_sync(&priv->tx_work);
	cancel_delayed_work_sync(&priv->flow_retry);
	skb_queue_purge(&priv->txq);
	atomic_set(&priv->txq_bytes, 0);
	kvfree(priv->rxbuf);
	priv->rxbuf = NULL;
	if (priv->cred) {
		put_cred(priv->cred);
		priv->cred = NULL;
	}
	mem_cgroup_put(priv->memcg);
	priv->memcg = NULL;
}

/*
 * Closing: a parent's unconnected embryos die with it; a node that told
 * upstream to stop reading releases it (its hook is still there).
 */
static void ng_ksocket_close(struct ng_node *node)
{
	struct ng_ksocket_priv *priv = ng_node_priv(node);
	struct ng_ksocket_priv *e, *tmp;

	list_for_each_entry_safe(e, tmp, &priv->embryos, embryo_link) {
		list_del_init(&e->embryo_link);
		e->parent = NULL;
		ng_rmnode_self(e->node);
	}
	if (priv->parent) {
		list_del_init(&priv->embryo_link);
		priv->parent = NULL;
	}
	/* upstream, held by us, must not wait for a node that is going */
	if (test_and_clear_bit(NG_KSOCKET_HIGH_TOLD, &priv->flags))
		ng_ksocket_flow_tell(priv, NGM_LOW_WATER_PASSED);
}

static void ng_ksocket_shutdown(struct ng_node *node)
{
	ng_ksocket_teardown(ng_node_priv(node));
}

/**
 * ng_ksocket_newhook - accept the one hook
 * @node: this node
 * @hook: the new hook
 * @name: "family/type/proto"; any name on a cloned node
 *
 * Return:
 * * %0 - accepted (the socket is created when the hook connects)
 * * %-EISCONN - the node has a hook already
 * * %-EINVAL - the name is not family/type/proto
 * * %-EAFNOSUPPORT, %-ESOCKTNOSUPPORT, %-EPROTONOSUPPORT - a socket a
 *   ksocket does not open
 */
static int ng_ksocket_newhook(struct ng_node *node, struct ng_hook *hook,
			      const char *name)
{
	struct ng_ksocket_priv *priv = ng_node_priv(node);

	if (priv->hook || ng_node_numhooks(node))
		return -EISCONN;
	if (test_bit(NG_KSOCKET_CLONED, &priv->flags))
		return 0;
	return ng_ksocket_parse_hookname(name, &priv->family, &priv->type,
					 &priv->protocol, ng_ctl_extack(node));
}

/**
 * ng_ksocket_connect - the hook is about to go live: open the socket
 * @hook: our hook
 *
 * A cloned node has its socket already and becomes independent of its
 * parent.
 *
 * The socket acts for the node's creator (ng_ctl_cred() when the node was
 * made), an accepted one for its listener's creator; the requester must
 * hold as much privilege (ng_ksocket_may_act()).
 *
 * Return:
 * * %0 - the socket exists
 * * %-EPERM - the node was made by no process (a queued message), or the
 *   requester holds less privilege than the user the socket acts for
 * * other - %-ENOMEM, or ng_ksock_create()'s error (e.g. %-EAFNOSUPPORT,
 *   %-EPROTONOSUPPORT, %-ESOCKTNOSUPPORT)
 */
static int ng_ksocket_connect(struct ng_hook *hook)
{
	struct ng_node *node = ng_hook_node(hook);
	struct ng_ksocket_priv *priv = ng_node_priv(node);
	bool cloned = test_bit(NG_KSOCKET_CLONED, &priv->flags);
	const struct cred *acting;
	struct ng_ksock *ks;
	int err;

	/*
	 * Whom the socket acts for: the node's creator, or for an accepted
	 * socket the listener's creator.  Making it act, which taking an
	 * accepted connection does too, needs as much privilege.
	 */
	acting = cloned ? (priv->ks ? priv->ks->cred : NULL) : priv->cred;
	if (!acting) {
		NL_SET_ERR_MSG(ng_ctl_extack(node),
			       "ksocket: made by no process, so its socket would act for nobody");
		return -EPERM;
	}
	if (!ng_ksocket_may_act(acting, ng_ctl_cred(node))) {
		NL_SET_ERR_MSG(ng_ctl_extack(node),
			       "ksocket: the socket acts for a user with privileges the requester lacks");
		return -EPERM;
	}
	if (cloned) {
		if (priv->parent) {
			list_del_init(&priv->embryo_link);
			priv->parent = NULL;
		}
		clear_bit(NG_KSOCKET_EMBRYONIC, &priv->flags);
		WRITE_ONCE(priv->hook, hook);
		return 0;	/* rx_work starts when the hook is live */
	}
	err = ng_ksocket_prepare(priv);
	if (err)
		return err;
	err = ng_ksock_create(ng_node_net(node), priv->family, priv->type,
			      priv->protocol, priv->cred, &ng_ksocket_upcalls,
			      priv, &ks);
	if (err) {
		kvfree(priv->rxbuf);
		priv->rxbuf = NULL;
		return err;
	}
	if (ng_ksock_is_udp(ks)) {
		/* its datagrams come as packets (ng_ksock_udp_recv()) */
		kvfree(priv->rxbuf);
		priv->rxbuf = NULL;
	}
	WRITE_ONCE(priv->ks, ks);
	WRITE_ONCE(priv->hook, hook);
	return 0;
}

/*
 * The hook carries data now: a clone reads what its connection holds
 * already (the socket's upcalls queue rx_work for what comes later).  A
 * node's own socket is new here and has nothing to read yet.
 */
static void ng_ksocket_live(struct ng_hook *hook)
{
	struct ng_ksocket_priv *priv = ng_node_priv(ng_hook_node(hook));

	if (test_bit(NG_KSOCKET_CLONED, &priv->flags))
		ng_ksocket_queue(priv, &priv->rx_work);
}

/* The hook went: the node goes too (FreeBSD). */
static void ng_ksocket_disconnect(struct ng_hook *hook)
{
	struct ng_node *node = ng_hook_node(hook);
	struct ng_ksocket_priv *priv = ng_node_priv(node);

	WRITE_ONCE(priv->hook, NULL);
	ng_rmnode_self(node);
}

/* ------------------------------------------------------------ messages */

/*
 * A sockaddr argument: 2 .. sizeof(sockaddr_storage) bytes.  An AF_UNIX
 * path name is looked up in the filesystem of the task the request came
 * from, so a message that came from no process (a queued one) cannot use
 * one.
 */
static int ng_ksocket_arg_sa(struct ng_node *node, struct ng_msgitem *item,
			     struct sockaddr_storage *ss)
{
	u32 len = item->msg->header.arglen;

	if (len < sizeof(sa_family_t) || len > sizeof(*ss)) {
		NL_SET_ERR_MSG(item->extack,
			       "ksocket: the argument must be a struct sockaddr (2..128 bytes)");
		return -EINVAL;
	}
	memset(ss, 0, sizeof(*ss));
	memcpy(ss, item->msg->data, len);
	if (!ng_ksocket_unix_path(ss, len))
		return len;
	/*
	 * Path names reach sockets of every namespace, and a peer outside
	 * could keep ours after our namespace is freed (an accepted
	 * connection, a datagram peer): only the initial namespace, which
	 * is never freed, may use them.  Abstract names stay inside.
	 */
	if (!net_eq(ng_node_net(node), &init_net)) {
		NL_SET_ERR_MSG(item->extack,
			       "ksocket: AF_UNIX path names only in the initial network namespace; use an abstract name");
		return -EPERM;
	}
	if (!ng_ctl_cred(node)) {
		NL_SET_ERR_MSG(item->extack,
			       "ksocket: an AF_UNIX path needs a request from a process");
		return -EPERM;
	}
	return len;
}

/* Reply with the @len bytes at @data. */
static int ng_ksocket_reply(struct ng_node *node, struct ng_msgitem *item,
			    const void *data, size_t len)
{
	struct ng_mesg *resp;

	resp = ng_mkresponse(item->msg, len, GFP_KERNEL);
	if (!resp)
		return -ENOMEM;
	memcpy(resp->data, data, len);
	return ng_respond(node, item, resp);
}

static int ng_ksocket_connect_msg(struct ng_ksocket_priv *priv,
				  struct ng_msgitem *item)
{
	struct sockaddr_storage ss;
	int len, err;

	len = ng_ksocket_arg_sa(priv->node, item, &ss);
	if (len < 0)
		return len;
	if (test_bit(NG_KSOCKET_CONNECTING, &priv->flags)) {
		NL_SET_ERR_MSG(item->extack, "ksocket: a connect is in progress");
		return -EALREADY;
	}
	/* the connected upcall may run before ng_ksock_connect() returns */
	priv->conn_id = item->retaddr;
	priv->conn_token = item->msg->header.token;
	set_bit(NG_KSOCKET_CONNECTING, &priv->flags);
	clear_bit(NG_KSOCKET_EOF_SEEN, &priv->flags);
	err = ng_ksock_connect(priv->ks, (struct sockaddr *)&ss, len);
	if (err == -EINPROGRESS) {
		NL_SET_ERR_MSG(item->extack,
			       "ksocket: connecting; the result comes as a late connect reply");
		return err;
	}
	clear_bit(NG_KSOCKET_CONNECTING, &priv->flags);
	if (err) {
		NL_SET_ERR_MSG(item->extack, "ksocket: connect failed");
		return err;
	}
	set_bit(NG_KSOCKET_CONNECTED, &priv->flags);
	if (!skb_queue_empty(&priv->txq))
		ng_ksocket_queue(priv, &priv->tx_work);
	return 0;
}

/* No connection to accept?  (Saves making a node for nothing.) */
static bool ng_ksocket_acceptq_empty(struct sock *sk)
{
	/* AF_UNIX queues a connection as an skb on the listener */
	if (sk->sk_family == AF_UNIX)
		return skb_queue_empty_lockless(&sk->sk_receive_queue);
	return !READ_ONCE(sk->sk_ack_backlog);
}

/*
 * Accept one pending connection into a new embryonic node.  -EAGAIN if
 * none is pending.
 */
static int ng_ksocket_accept_one(struct ng_ksocket_priv *priv,
				 struct netlink_ext_ack *extack,
				 struct ng_mesg **respp,
				 const struct ng_mesg *req)
{
	struct sockaddr_storage ss;
	struct ng_ksocket_priv *cp;
	struct ng_ksocket_accept *acc;
	struct ng_mesg *resp;
	struct ng_node *cn;
	int len, err;

	if (ng_ksocket_acceptq_empty(priv->ks->sock->sk))
		return -EAGAIN;
	err = ng_make_node(priv->node, &ng_ksocket_type, &cn, extack);
	if (err)
		return err;
	cp = ng_node_priv(cn);
	cp->family = priv->family;
	cp->type = priv->type;
	cp->protocol = priv->protocol;
	mem_cgroup_put(cp->memcg);
	cp->memcg = ng_ksocket_memcg_get(priv->memcg);
	set_bit(NG_KSOCKET_CLONED, &cp->flags);
	set_bit(NG_KSOCKET_EMBRYONIC, &cp->flags);
	set_bit(NG_KSOCKET_CONNECTED, &cp->flags);
	err = ng_ksocket_prepare(cp);
	if (err)
		goto err_node;
	err = ng_ksock_accept(priv->ks, &ng_ksocket_upcalls, cp, &cp->ks);
	if (err)
		goto err_node;
	len = ng_ksock_getpeername(cp->ks, &ss);
	if (len < 0)
		len = 0;
	resp = ng_mkmessage(NGM_KSOCKET_COOKIE, NGM_KSOCKET_ACCEPT, "accept",
			    sizeof(*acc) + len, GFP_KERNEL);
	if (!resp) {
		err = -ENOMEM;
		goto err_node;
	}
	resp->header.flags = NGF_RESP;
	if (req) {
		resp->header.token = req->header.token;
		memcpy(resp->header.cmdstr, req->header.cmdstr,
		       sizeof(resp->header.cmdstr));
		resp->header.cmdstr[NG_CMDSTRSIZ - 1] = '\0';
	}
	acc = (struct ng_ksocket_accept *)resp->data;
	acc->nodeid = ng_node_id(cn);
	memcpy(acc->addr, &ss, len);
	cp->parent = priv;
	list_add_tail(&cp->embryo_link, &priv->embryos);
	*respp = resp;
	return 0;

err_node:
	/* shutdown runs the teardown, which closes cp->ks if it exists */
	ng_rmnode_self(cn);
	return err;
}

/*
 * accept: reply at once if a connection is pending (in the netlink answer
 * for a netlink request), otherwise remember the requester and reply late.
 */
static int ng_ksocket_accept_msg(struct ng_ksocket_priv *priv,
				 struct ng_msgitem *item)
{
	struct ng_mesg *resp;
	int err;

	if (!test_bit(NG_KSOCKET_LISTENING, &priv->flags)) {
		NL_SET_ERR_MSG(item->extack, "ksocket: accept needs a listening socket");
		return -EINVAL;
	}
	if (test_bit(NG_KSOCKET_ACCEPT_WAIT, &priv->flags)) {
		NL_SET_ERR_MSG(item->extack, "ksocket: an accept is already waiting");
		return -EALREADY;
	}
	err = ng_ksocket_accept_one(priv, item->extack, &resp, item->msg);
	if (!err)
		return ng_respond(priv->node, item, resp);
	if (err != -EAGAIN)
		return err;
	priv->acc_id = item->retaddr;
	priv->acc_token = item->msg->header.token;
	set_bit(NG_KSOCKET_ACCEPT_WAIT, &priv->flags);
	ng_ksocket_queue(priv, &priv->rx_work);	/* in case one just came */
	return 0;
}

/* From rx_work, through the node's own queue: the waiting accept. */
static int ng_ksocket_accept_retry(struct ng_ksocket_priv *priv)
{
	struct ng_mesg *resp;
	int err;

	if (!test_bit(NG_KSOCKET_ACCEPT_WAIT, &priv->flags))
		return 0;
	err = ng_ksocket_accept_one(priv, NULL, &resp, NULL);
	if (err == -EAGAIN)
		return 0;
	clear_bit(NG_KSOCKET_ACCEPT_WAIT, &priv->flags);
	if (err)
		return err;
	resp->header.token = priv->acc_token;
	ng_ksocket_send_msg(priv, priv->acc_id, resp);
	return 0;
}

static int ng_ksocket_setopt_msg(struct ng_ksocket_priv *priv,
				 struct ng_msgitem *item)
{
	const struct ng_ksocket_sockopt *opt = (const void *)item->msg->data;
	u32 arglen = item->msg->header.arglen;
	struct ng_sockopt so;
	size_t vlen;
	int err;

	if (arglen < sizeof(*opt)) {
		NL_SET_ERR_MSG(item->extack,
			       "ksocket: setopt needs struct ng_ksocket_sockopt (8 bytes + value)");
		return -EINVAL;
	}
	vlen = arglen - sizeof(*opt);
	err = ng_sockopt_init(&so, opt->level, opt->name, vlen, GFP_KERNEL);
	if (err)
		return err;
	if (vlen)
		err = ng_sockopt_set(&so, opt->value, vlen);
	if (!err)
		err = ng_ksock_setopt(priv->ks, &so);
	ng_sockopt_destroy(&so);
	if (err)
		NL_SET_ERR_MSG(item->extack, "ksocket: setsockopt failed");
	return err;
}

static int ng_ksocket_getopt_msg(struct ng_ksocket_priv *priv,
				 struct ng_msgitem *item)
{
	const struct ng_ksocket_sockopt *opt = (const void *)item->msg->data;
	struct ng_ksocket_sockopt *ropt;
	struct ng_mesg *resp;
	int err, v;

	if (item->msg->header.arglen != sizeof(*opt)) {
		NL_SET_ERR_MSG(item->extack,
			       "ksocket: getopt takes level and name only (8 bytes)");
		return -EINVAL;
	}
	err = ng_ksock_getopt_int(priv->ks, opt->level, opt->name, &v);
	if (err) {
		NL_SET_ERR_MSG(item->extack, "ksocket: getsockopt failed");
		return err;
	}
	resp = ng_mkresponse(item->msg, sizeof(*ropt) + sizeof(v), GFP_KERNEL);
	if (!resp)
		return -ENOMEM;
	ropt = (struct ng_ksocket_sockopt *)resp->data;
	ropt->level = opt->level;
	ropt->name = opt->name;
	memcpy(ropt->value, &v, sizeof(v));
	return ng_respond(priv->node, item, resp);
}

static int ng_ksocket_status(struct ng_ksocket_priv *priv,
			     struct ng_msgitem *item)
{
	struct ng_mesg *resp;
	char *buf;
	int len;

	buf = kmalloc(1024, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	len = scnprintf(buf, 1024,
			"socket: family %d type %d protocol %d%s%s%s%s%s%s\n"
			"rx: packets %lld octets %lld drops %lld stalls %lld direct %lld\n"
			"tx: packets %lld octets %lld drops %lld errors %lld queue-full %lld queued %u bytes %d direct %lld\n",
			priv->family, priv->type, priv->protocol,
			priv->ks ? "" : " (none)",
			test_bit(NG_KSOCKET_LISTENING, &priv->flags) ? " listening" : "",
			test_bit(NG_KSOCKET_CONNECTED, &priv->flags) ? " connected" : "",
			test_bit(NG_KSOCKET_CONNECTING, &priv->flags) ? " connecting" : "",
			test_bit(NG_KSOCKET_EMBRYONIC, &priv->flags) ? " embryonic" : "",
			test_bit(NG_KSOCKET_EOF_SEEN, &priv->flags) ? " eof" : "",
			(s64)atomic64_read(&priv->rx_packets),
			(s64)atomic64_read(&priv->rx_octets),
			(s64)atomic64_read(&priv->rx_drops),
			(s64)atomic64_read(&priv->rx_stalls),
			(s64)atomic64_read(&priv->rx_direct),
			(s64)atomic64_read(&priv->tx_packets),
			(s64)atomic64_read(&priv->tx_octets),
			(s64)atomic64_read(&priv->tx_drops),
			(s64)atomic64_read(&priv->tx_errors),
			(s64)atomic64_read(&priv->tx_qfull),
			skb_queue_len(&priv->txq),
			atomic_read(&priv->txq_bytes),
			(s64)atomic64_read(&priv->tx_direct));
	resp = ng_mkresponse(item->msg, len + 1, GFP_KERNEL);
	if (!resp) {
		kfree(buf);
		return -ENOMEM;
	}
	memcpy(resp->data, buf, len + 1);
	kfree(buf);
	return ng_respond(priv->node, item, resp);
}

/*
 * FreeBSD's flow control from downstream (any node; through a tee, say):
 * NGM_HIGH_WATER_PASSED stops reading the socket (TCP's window closes
 * towards the sender, UDP datagrams wait in the socket, then drop),
 * NGM_LOW_WATER_PASSED resumes it.  Others are ignored.
 */
static int ng_ksocket_flow(struct ng_ksocket_priv *priv, u32 cmd)
{
	if (cmd == NGM_HIGH_WATER_PASSED) {
		set_bit(NG_KSOCKET_FLOW_HELD, &priv->flags);
	} else if (cmd == NGM_LOW_WATER_PASSED) {
		clear_bit(NG_KSOCKET_FLOW_HELD, &priv->flags);
		ng_ksocket_queue(priv, &priv->rx_work);
	}
	return 0;
}

/**
 * ng_ksocket_rcvmsg - the socket calls, the status text, flow control
 * @node: this node
 * @item: the message
 *
 * Return:
 * * %0 - done; a reply was sent for getname, getpeername, getopt and an
 *   accept that found a connection (else it replies late); flow messages
 * * %-EINPROGRESS - connect started; a late connect reply follows
 * * %-ENXIO - no socket yet (the hook is not connected)
 * * %-EINVAL - unknown cookie or command, a bad argument length, accept
 *   without listen
 * * %-EALREADY - a connect or an accept is already waiting
 * * other - the socket call's error
 */
static int ng_ksocket_rcvmsg(struct ng_node *node, struct ng_msgitem *item)
{
	struct ng_ksocket_priv *priv = ng_node_priv(node);
	const struct ng_mesg *msg = item->msg;
	struct sockaddr_storage ss;
	s32 backlog;
	int len, err;

	if (msg->header.flags & NGF_RESP)
		return 0;
	if (msg->header.typecookie == NGM_GENERIC_COOKIE &&
	    msg->header.cmd == NGM_TEXT_STATUS)
		return ng_ksocket_status(priv, item);
	if (msg->header.typecookie == NGM_FLOW_COOKIE)
		return ng_ksocket_flow(priv, msg->header.cmd);
	if (msg->header.typecookie != NGM_KSOCKET_COOKIE) {
		NL_SET_ERR_MSG(item->extack, "ksocket: unknown typecookie");
		return -EINVAL;
	}
	if (msg->header.cmd == NG_KSOCKET_CMD_ACCEPT_RETRY) {
		if (item->sync || item->retaddr != ng_node_id(node))
			return -EINVAL;
		return priv->ks ? ng_ksocket_accept_retry(priv) : 0;
	}
	if (!priv->ks) {
		NL_SET_ERR_MSG(item->extack,
			       "ksocket: no socket yet; connect the hook first");
		return -ENXIO;
	}
	if (!ng_ksocket_may_act(priv->ks->cred, ng_ctl_cred(node))) {
		NL_SET_ERR_MSG(item->extack,
			       "ksocket: the socket acts for a user with privileges the requester lacks");
		return -EPERM;
	}

	switch (msg->header.cmd) {
	case NGM_KSOCKET_BIND:
		len = ng_ksocket_arg_sa(priv->node, item, &ss);
		if (len < 0)
			return len;
		err = ng_ksock_bind(priv->ks, (struct sockaddr *)&ss, len);
		if (err)
			NL_SET_ERR_MSG(item->extack, "ksocket: bind failed");
		return err;
	case NGM_KSOCKET_LISTEN:
		if (msg->header.arglen != sizeof(backlog)) {
			NL_SET_ERR_MSG(item->extack,
				       "ksocket: listen takes an int32 backlog");
			return -EINVAL;
		}
		memcpy(&backlog, msg->data, sizeof(backlog));
		err = ng_ksock_listen(priv->ks, backlog);
		if (err) {
			NL_SET_ERR_MSG(item->extack, "ksocket: listen failed");
			return err;
		}
		set_bit(NG_KSOCKET_LISTENING, &priv->flags);
		return 0;
	case NGM_KSOCKET_ACCEPT:
		return ng_ksocket_accept_msg(priv, item);
	case NGM_KSOCKET_CONNECT:
		return ng_ksocket_connect_msg(priv, item);
	case NGM_KSOCKET_GETNAME:
	case NGM_KSOCKET_GETPEERNAME:
		if (msg->header.cmd == NGM_KSOCKET_GETNAME)
			len = ng_ksock_getname(priv->ks, &ss);
		else
			len = ng_ksock_getpeername(priv->ks, &ss);
		if (len < 0) {
			NL_SET_ERR_MSG(item->extack,
				       "ksocket: no address (not bound or not connected)");
			return len;
		}
		return ng_ksocket_reply(node, item, &ss, len);
	case NGM_KSOCKET_SETOPT:
		return ng_ksocket_setopt_msg(priv, item);
	case NGM_KSOCKET_GETOPT:
		return ng_ksocket_getopt_msg(priv, item);
	default:
		NL_SET_ERR_MSG(item->extack, "ksocket: unknown cmd");
		return -EINVAL;
	}
}

/* ------------------------------------------------------------ ASCII forms */

static int ng_ksocket_perr(struct ng_parse_err *err, int e, int off,
			   const char *msg)
{
	if (err && !err->error) {
		err->error = e;
		err->offset = off;
		strscpy(err->msg, msg, sizeof(err->msg));
	}
	return -e;
}

static __printf(4, 5) int ng_ksocket_out(char *cbuf, int *pos, int cbuflen,
					 const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(cbuf + *pos, cbuflen - *pos, fmt, ap);
	va_end(ap);
	if (n < 0 || n >= cbuflen - *pos)
		return -ERANGE;
	*pos += n;
	return 0;
}

/* The generic form: { family=F len=L data=[ ... ] }, L = 2 + data bytes. */
struct ng_ksocket_gsa {
	u16 family;
	u16 len;
	u8 data[];
};

static int ng_ksocket_gsa_getlength(const struct ng_parse_type *type,
				    const u8 *start, const u8 *buf)
{
	const struct ng_ksocket_gsa *g = (const void *)start;

	if (g->len < sizeof(sa_family_t))
		return 0;
	return min_t(int, g->len, sizeof(struct sockaddr_storage)) -
	       sizeof(sa_family_t);
}

static const struct ng_parse_array_info ng_ksocket_gsa_data_info = {
	.getLength = ng_ksocket_gsa_getlength,
};

static const struct ng_parse_type ng_ksocket_gsa_data_type = {
	.supertype = &ng_parse_bytearray_type,
	.info = &ng_ksocket_gsa_data_info,
};

static const struct ng_parse_struct_field ng_ksocket_gsa_fields[] = {
	{ "family",	&ng_parse_uint16_type },
	{ "len",	&ng_parse_uint16_type },
	{ "data",	&ng_ksocket_gsa_data_type },
	{ NULL }
};

static const struct ng_parse_type ng_ksocket_gsa_type = {
	.supertype = &ng_parse_struct_type,
	.info = ng_ksocket_gsa_fields,
};

#define NG_KSOCKET_GSA_MAX \
	(sizeof(struct ng_ksocket_gsa) + sizeof(struct sockaddr_storage))

static void ng_ksocket_skip_ws(const char *s, int *off)
{
	while (s[*off] == ' ' || s[*off] == '\t' || s[*off] == '\n' ||
	       s[*off] == '\r')
		(*off)++;
}

static bool ng_ksocket_prefix(const char *s, int off, const char *p)
{
	return !strncmp(s + off, p, strlen(p));
}

/* A decimal port after ':' at s + *off, or none; -1 on error. */
static int ng_ksocket_port(const char *s, int *off)
{
	int port = 0, n = 0;

	if (s[*off] != ':')
		return 0;
	(*off)++;
	while (isdigit(s[*off]) && n < 6) {
		port = port * 10 + (s[(*off)++] - '0');
		n++;
	}
	if (!n || port > 65535 || isdigit(s[*off]))
		return -1;
	return port;
}

/* Does the value end here (white space, a delimiter or the end)? */
static bool ng_ksocket_word_end(char c)
{
	return !c || strchr(" \t\r\n{}[]=\"", c);
}

static int ng_ksocket_parse_inet(const char *s, int *off,
				 struct sockaddr_in *sin,
				 struct ng_parse_err *err)
{
	int start = *off, port, i;
	u8 *a = (u8 *)&sin->sin_addr;

	for (i = 0; i < 4; i++) {
		int v = 0, n = 0;

		while (isdigit(s[*off]) && n < 4) {
			v = v * 10 + (s[(*off)++] - '0');
			n++;
		}
		if (!n || v > 255 || (i < 3 && s[(*off)++] != '.'))
			goto bad;
		a[i] = v;
	}
	port = ng_ksocket_port(s, off);
	if (port < 0 || !ng_ksocket_word_end(s[*off]))
		goto bad;
	sin->sin_family = AF_INET;
	sin->sin_port = htons(port);
	return sizeof(*sin);
bad:
	return ng_ksocket_perr(err, EINVAL, start,
			       "expected inet/a.b.c.d[:port] (decimal)");
}

static int ng_ksocket_parse_inet6(const char *s, int *off,
				  struct sockaddr_in6 *sin6,
				  struct ng_parse_err *err)
{
	int start = *off, e, alen, port = 0, r;
	bool br = s[*off] == '[';
	char word[64];
	u32 scope = 0;
	int wl;
	char *pct;

	if (br)
		(*off)++;
	for (e = *off; s[e] && (br ? s[e] != ']' : !ng_ksocket_word_end(s[e]));
	     e++)
		;
	if (br && s[e] != ']')
		goto bad;
	wl = e - *off;
	if (wl <= 0 || wl >= (int)sizeof(word))
		goto bad;
	memcpy(word, s + *off, wl);
	word[wl] = '\0';
	pct = strchr(word, '%');
	if (pct) {
		*pct = '\0';
		if (kstrtou32(pct + 1, 10, &scope))
			goto bad;
	}
	alen = sizeof(sin6->sin6_addr);
	r = ng_parse(&ng_parse_ip6addr_type, word, (u8 *)&sin6->sin6_addr,
		     &alen, NULL);
	if (r)
		goto bad;
	*off = e + (br ? 1 : 0);
	if (br) {
		port = ng_ksocket_port(s, off);
		if (port < 0)
			goto bad;
	}
	if (!ng_ksocket_word_end(s[*off]))
		goto bad;
	sin6->sin6_family = AF_INET6;
	sin6->sin6_port = htons(port);
	sin6->sin6_scope_id = scope;
	return sizeof(*sin6);
bad:
	return ng_ksocket_perr(err, EINVAL, start,
			       "expected inet6/ADDR or inet6/[ADDR]:port");
}

static int ng_ksocket_hexval(char c)
{
	return isdigit(c) ? c - '0' : isxdigit(c) ? tolower(c) - 'a' + 10 : -1;
}

/* A quoted path with C escapes, into sun_path; abstract names allowed. */
static int ng_ksocket_parse_local(const char *s, int *off,
				  struct sockaddr_un *sun,
				  struct ng_parse_err *err)
{
	int start = *off, n = 0, v, k;
	char c;

	if (s[(*off)++] != '"')
		goto bad;
	while ((c = s[(*off)++]) != '"') {
		if (!c)
			goto bad;
		if (c == '\\') {
			c = s[(*off)++];
			switch (c) {
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			case 'r': c = '\r'; break;
			case 'x':
				for (v = 0, k = 0; k < 2 &&
				     ng_ksocket_hexval(s[*off]) >= 0; k++)
					v = v * 16 + ng_ksocket_hexval(s[(*off)++]);
				if (!k)
					goto bad;
				c = v;
				break;
			case '0' ... '7':
				for (v = c - '0', k = 1; k < 3 &&
				     s[*off] >= '0' && s[*off] <= '7'; k++)
					v = v * 8 + (s[(*off)++] - '0');
				c = v;
				break;
			case '\0':
				goto bad;
			default:
				break;	/* \" \\ and the rest: the character */
			}
		}
		if (n >= (int)sizeof(sun->sun_path))
			goto bad;
		sun->sun_path[n++] = c;
	}
	sun->sun_family = AF_UNIX;
	return offsetof(struct sockaddr_un, sun_path) + n;
bad:
	return ng_ksocket_perr(err, EINVAL, start,
			       "expected local/\"path\" (at most 108 bytes)");
}

static int ng_ksocket_parse_generic(const struct ng_parse_type *type,
				    const char *s, int *off,
				    struct sockaddr_storage *ss,
				    struct ng_parse_err *err)
{
	u8 tmp[NG_KSOCKET_GSA_MAX] __aligned(4);
	struct ng_ksocket_gsa *g = (void *)tmp;
	int start = *off, tlen = sizeof(tmp), r;

	memset(tmp, 0, sizeof(tmp));
	r = ng_parse_struct_type.parse(&ng_ksocket_gsa_type, s, off, tmp, tmp,
				       &tlen, err);
	if (r)
		return r;
	if (g->len < sizeof(sa_family_t) || g->len > sizeof(*ss))
		return ng_ksocket_perr(err, EINVAL, start,
				       "len must be 2..128 (family + data)");
	memset(ss, 0, sizeof(*ss));
	ss->ss_family = g->family;
	memcpy((u8 *)ss + sizeof(sa_family_t), g->data,
	       g->len - sizeof(sa_family_t));
	return g->len;
}

static int ng_ksocket_sa_parse(const struct ng_parse_type *type,
			       const char *s, int *off, const u8 *start,
			       u8 *buf, int *buflen, struct ng_parse_err *err)
{
	struct sockaddr_storage ss;
	int len;

	memset(&ss, 0, sizeof(ss));
	ng_ksocket_skip_ws(s, off);
	if (s[*off] == '{') {
		len = ng_ksocket_parse_generic(type, s, off, &ss, err);
	} else if (ng_ksocket_prefix(s, *off, "inet/")) {
		*off += 5;
		len = ng_ksocket_parse_inet(s, off, (void *)&ss, err);
	} else if (ng_ksocket_prefix(s, *off, "inet6/")) {
		*off += 6;
		len = ng_ksocket_parse_inet6(s, off, (void *)&ss, err);
	} else if (ng_ksocket_prefix(s, *off, "local/") ||
		   ng_ksocket_prefix(s, *off, "unix/")) {
		*off += s[*off] == 'l' ? 6 : 5;
		len = ng_ksocket_parse_local(s, off, (void *)&ss, err);
	} else {
		return ng_ksocket_perr(err, EINVAL, *off,
				       "expected a socket address: inet/, inet6/, local/ or { family=... }");
	}
	if (len < 0)
		return len;
	if (*buflen < len)
		return ng_ksocket_perr(err, ERANGE, *off,
				       "binary output buffer too small");
	memcpy(buf, &ss, len);
	*buflen = len;
	return 0;
}

static int ng_ksocket_unparse_local(const u8 *p, int n, char *cbuf, int *pos,
				    int cbuflen)
{
	int i, r;

	/* a path ends at its NUL; an abstract name (leading NUL) does not */
	if (n && p[0])
		n = strnlen((const char *)p, n);
	r = ng_ksocket_out(cbuf, pos, cbuflen, "local/\"");
	for (i = 0; !r && i < n; i++) {
		if (p[i] == '"' || p[i] == '\\')
			r = ng_ksocket_out(cbuf, pos, cbuflen, "\\%c", p[i]);
		else if (p[i] >= 0x20 && p[i] < 0x7f)
			r = ng_ksocket_out(cbuf, pos, cbuflen, "%c", p[i]);
		else
			r = ng_ksocket_out(cbuf, pos, cbuflen, "\\x%02x", p[i]);
	}
	return r ?: ng_ksocket_out(cbuf, pos, cbuflen, "\"");
}

static int ng_ksocket_sa_unparse(const struct ng_parse_type *type,
				 const u8 *data, int *off, int datalen,
				 char *cbuf, int *pos, int cbuflen,
				 struct ng_parse_err *err)
{
	int len = datalen - *off, r, toff = 0;
	struct sockaddr_storage ss;
	u8 tmp[NG_KSOCKET_GSA_MAX] __aligned(4);
	struct ng_ksocket_gsa *g = (void *)tmp;

	if (len < (int)sizeof(sa_family_t) || len > (int)sizeof(ss))
		return ng_ksocket_perr(err, EINVAL, 0,
				       "a sockaddr is 2..128 bytes");
	memset(&ss, 0, sizeof(ss));
	memcpy(&ss, data + *off, len);

	if (ss.ss_family == AF_INET && len >= (int)sizeof(struct sockaddr_in)) {
		struct sockaddr_in *sin = (void *)&ss;
		const u8 *a = (const u8 *)&sin->sin_addr;

		r = ng_ksocket_out(cbuf, pos, cbuflen, "inet/%u.%u.%u.%u",
				   a[0], a[1], a[2], a[3]);
		if (!r && sin->sin_port)
			r = ng_ksocket_out(cbuf, pos, cbuflen, ":%u",
					   ntohs(sin->sin_port));
	} else if (ss.ss_family == AF_INET6 &&
		   len >= (int)sizeof(struct sockaddr_in6) &&
		   !((struct sockaddr_in6 *)&ss)->sin6_flowinfo) {
		struct sockaddr_in6 *sin6 = (void *)&ss;
		bool br = sin6->sin6_port || sin6->sin6_scope_id;

		r = ng_ksocket_out(cbuf, pos, cbuflen, "inet6/%s%pI6c",
				   br ? "[" : "", &sin6->sin6_addr);
		if (!r && sin6->sin6_scope_id)
			r = ng_ksocket_out(cbuf, pos, cbuflen, "%%%u",
					   sin6->sin6_scope_id);
		if (!r && br)
			r = ng_ksocket_out(cbuf, pos, cbuflen, "]:%u",
					   ntohs(sin6->sin6_port));
	} else if (ss.ss_family == AF_UNIX) {
		r = ng_ksocket_unparse_local((const u8 *)&ss + sizeof(sa_family_t),
					     len - sizeof(sa_family_t), cbuf,
					     pos, cbuflen);
	} else {
		memset(tmp, 0, sizeof(tmp));
		g->family = ss.ss_family;
		g->len = len;
		memcpy(g->data, (u8 *)&ss + sizeof(sa_family_t),
		       len - sizeof(sa_family_t));
		r = ng_parse_struct_type.unparse(&ng_ksocket_gsa_type, tmp,
						 &toff,
						 sizeof(*g) + len - sizeof(sa_family_t),
						 cbuf, pos, cbuflen, err);
		if (r)
			return r;
	}
	if (r)
		return ng_ksocket_perr(err, ERANGE, 0, "output buffer too small");
	*off = datalen;
	return 0;
}

static int ng_ksocket_sa_default(const struct ng_parse_type *type,
				 const u8 *start, const u8 *ctx, u8 *buf,
				 int *buflen, struct ng_parse_err *err)
{
	*buflen = 0;	/* no address */
	return 0;
}

static int ng_ksocket_align2(const struct ng_parse_type *type)
{
	return __alignof__(sa_family_t);
}

/* A struct sockaddr, Linux layout, as long as the rest of the message. */
static const struct ng_parse_type ng_ksocket_sockaddr_type = {
	.parse = ng_ksocket_sa_parse,
	.unparse = ng_ksocket_sa_unparse,
	.getDefault = ng_ksocket_sa_default,
	.getAlign = ng_ksocket_align2,
};

/*
 * struct ng_ksocket_sockopt: { level=L name=N value=[ bytes ] }.  The
 * parsed value is as long as its last non-zero byte, rounded up to an int
 * (at least 4 bytes: Linux integer options want an int); a value that must
 * be longer than that needs the binary form.  Printed in full.
 */
static int ng_ksocket_opt_getlength(const struct ng_parse_type *type,
				    const u8 *start, const u8 *buf)
{
	return NG_KSOCKET_MAX_OPTLEN;
}

static const struct ng_parse_array_info ng_ksocket_optval_info = {
	.getLength = ng_ksocket_opt_getlength,
};

static const struct ng_parse_type ng_ksocket_optval_type = {
	.supertype = &ng_parse_bytearray_type,
	.info = &ng_ksocket_optval_info,
};

static const struct ng_parse_struct_field ng_ksocket_opt_fields[] = {
	{ "level",	&ng_parse_int32_type },
	{ "name",	&ng_parse_int32_type },
	{ "value",	&ng_ksocket_optval_type },
	{ NULL }
};

static const struct ng_parse_type ng_ksocket_opt_struct_type = {
	.supertype = &ng_parse_struct_type,
	.info = ng_ksocket_opt_fields,
};

static int ng_ksocket_opt_parse(const struct ng_parse_type *type,
				const char *s, int *off, const u8 *start,
				u8 *buf, int *buflen, struct ng_parse_err *err)
{
	int tlen = sizeof(struct ng_ksocket_sockopt) + NG_KSOCKET_MAX_OPTLEN;
	int r, vlen;
	u8 *tmp;

	tmp = kzalloc(tlen, GFP_KERNEL);
	if (!tmp)
		return ng_ksocket_perr(err, ENOMEM, *off, "out of memory");
	r = ng_parse_struct_type.parse(&ng_ksocket_opt_struct_type, s, off,
				       tmp, tmp, &tlen, err);
	if (r)
		goto out;
	for (vlen = NG_KSOCKET_MAX_OPTLEN; vlen > 0; vlen--)
		if (tmp[sizeof(struct ng_ksocket_sockopt) + vlen - 1])
			break;
	vlen = max_t(int, round_up(vlen, sizeof(int)), sizeof(int));
	vlen += sizeof(struct ng_ksocket_sockopt);
	if (*buflen < vlen) {
		r = ng_ksocket_perr(err, ERANGE, *off,
				    "binary output buffer too small");
		goto out;
	}
	memcpy(buf, tmp, vlen);
	*buflen = vlen;
out:
	kfree(tmp);
	return r;
}

static int ng_ksocket_opt_unparse(const struct ng_parse_type *type,
				  const u8 *data, int *off, int datalen,
				  char *cbuf, int *pos, int cbuflen,
				  struct ng_parse_err *err)
{
	const struct ng_ksocket_sockopt *opt = (const void *)(data + *off);
	int vlen = datalen - *off - (int)sizeof(*opt), i, r;

	if (vlen < 0)
		return ng_ksocket_perr(err, EINVAL, 0,
				       "a sockopt is at least 8 bytes");
	r = ng_ksocket_out(cbuf, pos, cbuflen, "{ level=%d name=%d value=[",
			   opt->level, opt->name);
	for (i = 0; !r && i < vlen; i++)
		r = ng_ksocket_out(cbuf, pos, cbuflen, " 0x%02x", opt->value[i]);
	if (!r)
		r = ng_ksocket_out(cbuf, pos, cbuflen, " ] }");
	if (r)
		return ng_ksocket_perr(err, ERANGE, 0, "output buffer too small");
	*off = datalen;
	return 0;
}

static int ng_ksocket_align4(const struct ng_parse_type *type)
{
	return __alignof__(s32);
}

static const struct ng_parse_type ng_ksocket_sockopt_type = {
	.parse = ng_ksocket_opt_parse,
	.unparse = ng_ksocket_opt_unparse,
	.getDefault = ng_ksocket_sa_default,
	.getAlign = ng_ksocket_align4,
};

/* getopt's request: { level=L name=N } (8 bytes) */
static const struct ng_parse_struct_field ng_ksocket_optreq_fields[] = {
	{ "level",	&ng_parse_int32_type },
	{ "name",	&ng_parse_int32_type },
	{ NULL }
};

static const struct ng_parse_type ng_ksocket_optreq_type = {
	.supertype = &ng_parse_struct_type,
	.info = ng_ksocket_optreq_fields,
};

/* struct ng_ksocket_accept: { nodeid=N addr=SOCKADDR } */
static const struct ng_parse_struct_field ng_ksocket_accept_fields[] = {
	{ "nodeid",	&ng_parse_hint32_type },
	{ "addr",	&ng_ksocket_sockaddr_type },
	{ NULL }
};

static const struct ng_parse_type ng_ksocket_accept_type = {
	.supertype = &ng_parse_struct_type,
	.info = ng_ksocket_accept_fields,
};

static const struct ng_cmdlist ng_ksocket_cmds[] = {
	{ NGM_KSOCKET_COOKIE, NGM_KSOCKET_BIND, "bind",
	  &ng_ksocket_sockaddr_type, NULL },
	{ NGM_KSOCKET_COOKIE, NGM_KSOCKET_LISTEN, "listen",
	  &ng_parse_int32_type, NULL },
	{ NGM_KSOCKET_COOKIE, NGM_KSOCKET_ACCEPT, "accept",
	  NULL, &ng_ksocket_accept_type },
	{ NGM_KSOCKET_COOKIE, NGM_KSOCKET_CONNECT, "connect",
	  &ng_ksocket_sockaddr_type, &ng_parse_int32_type },
	{ NGM_KSOCKET_COOKIE, NGM_KSOCKET_GETNAME, "getname",
	  NULL, &ng_ksocket_sockaddr_type },
	{ NGM_KSOCKET_COOKIE, NGM_KSOCKET_GETPEERNAME, "getpeername",
	  NULL, &ng_ksocket_sockaddr_type },
	{ NGM_KSOCKET_COOKIE, NGM_KSOCKET_SETOPT, "setopt",
	  &ng_ksocket_sockopt_type, NULL },
	{ NGM_KSOCKET_COOKIE, NGM_KSOCKET_GETOPT, "getopt",
	  &ng_ksocket_optreq_type, &ng_ksocket_sockopt_type },
	{ 0 }
};

static struct ng_type ng_ksocket_type = {
	.name		= NG_KSOCKET_NODE_TYPE,
	.owner		= THIS_MODULE,
	.node_priv_size	= sizeof(struct ng_ksocket_priv),
	.constructor	= ng_ksocket_constructor,
	.rcvmsg		= ng_ksocket_rcvmsg,
	.close		= ng_ksocket_close,
	.shutdown	= ng_ksocket_shutdown,
	.newhook	= ng_ksocket_newhook,
	.connect	= ng_ksocket_connect,
	.live		= ng_ksocket_live,
	.rcvdata	= ng_ksocket_rcvdata,
	.disconnect	= ng_ksocket_disconnect,
	.cmdlist	= ng_ksocket_cmds,
};

NG_TYPE_MODULE(ng_ksocket_type, NG_KSOCKET_NODE_TYPE);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("netgraph ksocket node type: a kernel socket as a node");
MODULE_ALIAS("ng_ksocket");
