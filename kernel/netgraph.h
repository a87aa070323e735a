/* SPDX-License-Identifier: GPL-2.0 */
/*
 * netgraph for Linux: the interface between the graph core and node types.
 *
 * A node type is one file filling one struct ng_type (FreeBSD's method
 * table) and registering it with ng_type_register().
 *
 * Execution rules (see Documentation/netgraph.rst, "Serialization"):
 *
 *  - Control methods (constructor, rcvmsg, newhook, connect, disconnect,
 *    close, shutdown) run in process context with the graph lock of the
 *    node's network namespace held.  They may sleep.  No two control methods
 *    of one namespace run at the same time, so a node's messages never run
 *    concurrently with each other, with topology changes or with its
 *    shutdown.
 *  - rcvdata runs with bottom halves disabled inside an RCU read-side
 *    critical section, from process or softirq context, possibly on several
 *    CPUs at once and concurrently with control methods.  It must not sleep
 *    and must consume the skb.  State shared between rcvdata and control
 *    methods needs the type's own lock or atomics.
 *  - Outside rcvdata (a type's own work item, timer or socket callback), a
 *    hook pointer passed to ng_send_data() must be read and used inside
 *    rcu_read_lock(), or be pinned some other way, since the hook may be
 *    removed at any time.
 *  - After a hook is removed the core waits for an RCU grace period
 *    (synchronize_net()) before calling disconnect, so no rcvdata on that
 *    hook is running or will run once disconnect is called.  Hook and node
 *    memory (and the private areas the core allocates with them) stay valid
 *    for an RCU grace period after their last reference is dropped.
 */
#ifndef _NG_NETGRAPH_H
#define _NG_NETGRAPH_H

#include <linux/list.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/netlink.h>
#include <linux/refcount.h>
#include <linux/skbuff.h>
#include <linux/types.h>
#include <net/net_namespace.h>

#include "../uapi/netgraph.h"

struct cred;
struct ng_node;
struct ng_hook;
struct ng_msgitem;
struct ng_parse_type;

/**
 * struct ng_cmdlist - one control message a type can convert to and from ASCII
 * @cookie: the message's type cookie; 0 ends the list
 * @cmd: the command number
 * @name: the ASCII command name (NGM_ASCII2BINARY's cmdstr)
 * @mesgType: parse type of the request's arguments; NULL for none
 * @respType: parse type of the reply's arguments; NULL for none
 */
struct ng_cmdlist {
	u32 cookie;
	u32 cmd;
	const char *name;
	const struct ng_parse_type *mesgType;
	const struct ng_parse_type *respType;
};

/**
 * struct ng_type - a node type's method table
 * @name: type name (1..31 chars of [A-Za-z0-9_-])
 * @owner: THIS_MODULE; each node holds a reference on it
 * @node_priv_size: bytes of zeroed private state allocated with each node
 * @hook_priv_size: bytes of zeroed private state allocated with each hook
 * @constructor: initialise a new node; NULL means mkpeer cannot create one
 * @rcvmsg: handle a control message (never a generic one); optional
 * @close: called first when the node starts to shut down; hooks still there
 * @shutdown: called last, after every hook is gone; release resources
 * @reset: makes the type persistent (FreeBSD's nodes that revive in their
 *	shutdown method, NG_NODE_REVIVE: ether's): a user's shutdown
 *	(NGM_SHUTDOWN, netlink's shutdown) removes the node's hooks and calls
 *	this, and the node stays; it goes by ng_rmnode_self() or with its
 *	namespace; optional
 * @newhook: accept or veto (negative errno) a new hook by name
 * @connect: final veto once both ends exist; the hook is not yet live
 * @live: both ends accepted: @hook carries data from now on (graph
 *	locked; the peer's connect ran too); optional.  A type whose own
 *	thread sends out of the hook starts it here, not in connect.  The
 *	peer's rcvdata may run before this (its own live method came
 *	first); ng_bypass() joins two hooks without connect or live
 * @rcvdata: a packet arrived on @hook; must consume the skb
 * @disconnect: the hook was removed; call ng_rmnode_self() to die with it
 * @cmdlist: the type's messages for NGM_BINARY2ASCII and NGM_ASCII2BINARY,
 *	ended by an entry with cookie 0; optional
 * @unpinned: the nodes do not hold the module: its exit asks each to go
 *	(ng_rmnode_self()) and waits for them (ng_type_drain()), so that
 *	nodes the type makes for the whole host (ether's) cannot keep it
 *	loaded
 */
struct ng_type {
	const char *name;
	struct module *owner;
	size_t node_priv_size;
	size_t hook_priv_size;

	int (*constructor)(struct ng_node *node);
	int (*rcvmsg)(struct ng_node *node, struct ng_msgitem *item);
	void (*close)(struct ng_node *node);
	void (*shutdown)(struct ng_node *node);
	void (*reset)(struct ng_node *node);
	int (*newhook)(struct ng_node *node, struct ng_hook *hook,
		       const char *name);
	int (*connect)(struct ng_hook *hook);
	void (*live)(struct ng_hook *hook);
	int (*rcvdata)(struct ng_hook *hook, struct sk_buff *skb);
	void (*disconnect)(struct ng_hook *hook);
	const struct ng_cmdlist *cmdlist;
	bool unpinned;

	/* private: to the core */
	struct list_head list;
	atomic_t numnodes;
};

int ng_type_register(struct ng_type *type);
void ng_type_unregister(struct ng_type *type);
/*
 * An unpinned type's module exit, once it asked every node of the type to
 * go: wait until none is left.
 */
void ng_type_drain(struct ng_type *type);

/*
 * One file, one type, one module: registers @type at load.  @name is the
 * type's name as a string literal (its uapi header's NG_<TYPE>_NODE_TYPE):
 * mkpeer of an unknown type loads only modules with the alias
 * "netgraph-type-<name>", never an arbitrary module a namespace admin
 * names (as genetlink families and netdevices do).
 */
#define NG_TYPE_MODULE(type, name)					\
static int __init type##_module_init(void)				\
{									\
	return ng_type_register(&type);					\
}									\
module_init(type##_module_init);					\
static void __exit type##_module_exit(void)				\
{									\
	ng_type_unregister(&type);					\
}									\
module_exit(type##_module_exit);					\
MODULE_ALIAS("netgraph-type-" name)

/*
 * The same for a type that needs more at load: @setup() runs before the
 * type is registered (its failure fails the load), @teardown() after it is
 * unregistered, when no node of the type is left.
 */
#define NG_TYPE_MODULE_WITH(type, name, setup, teardown)		\
static int __init type##_module_init(void)				\
{									\
	int err = setup();						\
									\
	if (err)							\
		return err;						\
	err = ng_type_register(&type);					\
	if (err)							\
		teardown();						\
	return err;							\
}									\
module_init(type##_module_init);					\
static void __exit type##_module_exit(void)				\
{									\
	ng_type_unregister(&type);					\
	teardown();							\
}									\
module_exit(type##_module_exit);					\
MODULE_ALIAS("netgraph-type-" name)

/*
 * A type that acts on the whole host once loaded (ether: a node for each
 * Ethernet interface of every namespace) has no "netgraph-type-" alias:
 * mkpeer never loads it, the host's administrator does (modprobe), as
 * FreeBSD's kldload.  @start() runs once the type is registered (its
 * failure fails the load), @stop() before the type is unregistered; when
 * the type is unpinned, each of them leaves no node behind.
 */
#define NG_TYPE_MODULE_NOAUTOLOAD(type, start, stop)			\
static int __init type##_module_init(void)				\
{									\
	int err = ng_type_register(&type);				\
									\
	if (err)							\
		return err;						\
	err = start();							\
	if (err)							\
		ng_type_unregister(&type);				\
	return err;							\
}									\
module_init(type##_module_init);					\
static void __exit type##_module_exit(void)				\
{									\
	stop();								\
	ng_type_unregister(&type);					\
}									\
module_exit(type##_module_exit)

/* Nodes */
void *ng_node_priv(const struct ng_node *node);
u32 ng_node_id(const struct ng_node *node);
const char *ng_node_name(const struct ng_node *node);	/* "" if unnamed */
const struct ng_type *ng_node_type(const struct ng_node *node);
struct net *ng_node_net(const struct ng_node *node);
unsigned int ng_node_numhooks(const struct ng_node *node);
/* Control context only: the node's hook named @name, or NULL. */
struct ng_hook *ng_node_find_hook(struct ng_node *node, const char *name);
/*
 * Ask for the node to be shut down.  From a control method the shutdown runs
 * before the current control operation returns; from any other context it is
 * queued.  Calling it again, or on a node already shutting down, is harmless.
 */
void ng_rmnode_self(struct ng_node *node);
/*
 * Control context only: give @node the name @name, as FreeBSD's
 * ng_name_node() (iface names its node after its interface).  Return: 0,
 * -EINVAL if @name breaks the naming rules, -EADDRINUSE if another node of
 * the namespace has it, -ENOMEM.
 */
int ng_name_node(struct ng_node *node, const char *name);
/*
 * Control context only: create a node of @type (a registered type, usually
 * the caller's own) in the graph of @here, with no hooks.  It lives until it
 * is shut down (FreeBSD's ng_make_node_common(), for ksocket's accept).
 * Return: 0, or the error of node creation (-ENOMEM, -ENETDOWN, -EBUSY,
 * -ENXIO if @type's module is going away, the constructor's error).
 */
int ng_make_node(struct ng_node *here, struct ng_type *type,
		 struct ng_node **nodep, struct netlink_ext_ack *extack);
/*
 * From process context with no graph lock held (a type's work item):
 * create a node of @type, one of the caller's, in the graph of @net, as
 * the kernel and not for any user (ng_ctl_cred() is NULL), and run
 * @init(node, @arg) on it under the graph lock instead of the
 * constructor: ether makes a node for each Ethernet device this way.
 * Return: 0, or the error of node creation or of @init.
 */
int ng_make_node_in(struct net *net, struct ng_type *type,
		    int (*init)(struct ng_node *node, void *arg), void *arg);
/*
 * Control context only: the credentials of the process whose request is
 * being handled (a netlink request runs in its sender's task), or NULL when
 * the control method runs for no process (a queued message, a namespace
 * exit).  A type that acts in the world on a user's behalf (ksocket's
 * sockets) keeps a reference to these and acts with them, never with the
 * kernel's.
 */
const struct cred *ng_ctl_cred(const struct ng_node *node);
/*
 * In newhook and connect methods: where to report why the hook is refused
 * (NL_SET_ERR_MSG), or NULL.  (rcvmsg has item->extack.)
 */
struct netlink_ext_ack *ng_ctl_extack(const struct ng_node *node);

/* Hooks */
void *ng_hook_priv(const struct ng_hook *hook);
const char *ng_hook_name(const struct ng_hook *hook);
struct ng_node *ng_hook_node(const struct ng_hook *hook);
bool ng_hook_is_valid(const struct ng_hook *hook);

/*
 * The node at the other end of @hook, or NULL.  Call and use the result
 * inside rcu_read_lock() (or rcvdata); the node may be shutting down, but
 * its memory and private area stay valid until the read side ends.
 */
struct ng_node *ng_hook_peer_node_rcu(const struct ng_hook *hook);

/*
 * Control context (a connect method): the node at the other end of @hook,
 * which may not carry data yet, or NULL.  A type that must not be
 * connected to itself (bridge) compares it with its own node.
 */
struct ng_node *ng_hook_pair_node(const struct ng_hook *hook);

/* Join the peers of two hooks of one node, removing both (tee's close). */
int ng_bypass(struct ng_hook *h1, struct ng_hook *h2);

/*
 * Iterate over a node's live hooks.  Valid in rcvdata (under RCU) and in
 * control methods.
 */
struct ng_hook *ng_hook_first_rcu(struct ng_node *node);
struct ng_hook *ng_hook_next_rcu(struct ng_node *node, struct ng_hook *hook);
#define ng_node_for_each_hook_rcu(node, hook)				\
	for ((hook) = ng_hook_first_rcu(node); (hook);			\
	     (hook) = ng_hook_next_rcu(node, hook))

/**
 * ng_send_data - send a packet out of one of the caller's hooks
 * @hook: a hook of the sending node
 * @skb: the packet; always consumed
 *
 * Safe from process and softirq context (not hardirq).  The peer's rcvdata
 * is called directly unless the synchronous call depth is at its bound, in
 * which case the packet is queued and delivered from a work item.
 *
 * Return:
 * * %0 - delivered or queued
 * * %-ENOTCONN - the hook has no live peer
 * * %-ELOOP - dropped, the packet crossed NG_MAX_HOPS hops (counted)
 * * %-ENOBUFS - dropped, the deferral queue is full (counted)
 * * other - the peer's rcvdata result
 */
int ng_send_data(struct ng_hook *hook, struct sk_buff *skb);

/*
 * In rcvdata, before each skb_clone() of the packet being handled: whether
 * one more send would be delivered.  A packet's copies are bounded (the
 * max_copies budget, Documentation/netgraph.rst); once it is spent, a
 * copy would only be made to be dropped, so a type that copies (hub, tee,
 * one2many) stops copying.  A refused copy is counted (loop_drops).
 */
bool ng_may_copy(struct ng_node *node);

/* Messages */

/**
 * struct ng_msgitem - a control message being delivered
 * @msg: the message; owned by the core and freed after rcvmsg returns, so
 *	a type that answers later keeps a copy of what it needs (e.g. the
 *	token and @retaddr)
 * @retaddr: ID of the sending node, 0 if it came from netlink
 * @lasthook: the receiving node's hook the path arrived through, or NULL
 * @extack: where the error text of a synchronous request goes, else NULL
 */
struct ng_msgitem {
	struct ng_mesg *msg;
	u32 retaddr;
	struct ng_hook *lasthook;
	struct netlink_ext_ack *extack;
	/* private: to the core */
	struct ng_mesg *resp;	/* the reply kept for the requester */
	bool sync;		/* from netlink: keep the reply, no retaddr */
	bool keep_resp;		/* from a socket node: keep the reply too */
};

/*
 * Messages are always memcg-charged (__GFP_ACCOUNT is added to @gfp): to
 * the sending task's cgroup, or, while the core delivers a queued message,
 * to the cgroup of the task whose request started its chain (msg.c).
 */
struct ng_mesg *ng_mkmessage(u32 cookie, u32 cmd, const char *cmdstr,
			     size_t arglen, gfp_t gfp);
struct ng_mesg *ng_mkresponse(const struct ng_mesg *msg, size_t arglen,
			      gfp_t gfp);
/* A copy of @msg to send on (a forwarded flow message), or NULL. */
struct ng_mesg *ng_copymessage(const struct ng_mesg *msg, gfp_t gfp);
/* Send @resp (consumed) back to the sender of @item. */
int ng_respond(struct ng_node *node, struct ng_msgitem *item,
	       struct ng_mesg *resp);
/* Queue @msg (consumed) from @from to the peer of its hook @hook. */
int ng_send_msg_hook(struct ng_node *from, struct ng_hook *hook,
		     struct ng_mesg *msg);
/* Queue @msg (consumed) from @from to node @id. */
int ng_send_msg_id(struct ng_node *from, u32 id, struct ng_mesg *msg);

/* skb->cb bytes the core uses; the metadata's address room */
#define NG_SKB_META_OFFSET	12
#define NG_SKB_META_ADDRLEN	28

/**
 * struct ng_skb_meta - per-packet metadata that travels with a packet
 * @id: ID of the node that attached @addr; 0 if there is none
 * @addrlen: bytes of @addr in use (0..NG_SKB_META_ADDRLEN)
 * @flags: NG_SKB_META_* bits
 * @addr: a socket address (struct sockaddr layout: sa_family_t first)
 *
 * FreeBSD attaches a socket address to an mbuf as a tag (ksocket's
 * NG_KSOCKET_TAG_SOCKADDR).  Here the tail of skb->cb holds it: the core
 * uses only the first NG_SKB_META_OFFSET bytes of skb->cb (while it queues a
 * packet) and never touches the rest, so the metadata survives queueing and
 * is copied by skb_clone() and skb_copy().  A node that brings a packet into
 * the graph from outside (a freshly allocated skb has zeroed cb) and did not
 * allocate it must call ng_skb_meta_clear().  Room: an IPv4 or IPv6
 * address, or an AF_UNIX address of up to 26 path bytes.
 */
struct ng_skb_meta {
	u32 id;
	u16 addrlen;
	u16 flags;
	u8 addr[NG_SKB_META_ADDRLEN];
} __packed __aligned(4);

/*
 * NG_SKB_META_CHARGED: the packet's data was allocated with __GFP_ACCOUNT
 * for a user of this graph (a packet from a netlink request, or one a
 * ksocket's worker read), so a node may keep it without charging it again.
 * Packets from a network stack (interfaces, a UDP socket's softirq path)
 * are not; a node that reallocates a packet's head (skb_cow_head() and
 * the like, GFP_ATOMIC) must clear the flag.
 */
#define NG_SKB_META_CHARGED	0x0001

static inline struct ng_skb_meta *ng_skb_meta(struct sk_buff *skb)
{
	BUILD_BUG_ON(NG_SKB_META_OFFSET + sizeof(struct ng_skb_meta) >
		     sizeof_field(struct sk_buff, cb));
	return (struct ng_skb_meta *)(skb->cb + NG_SKB_META_OFFSET);
}

static inline void ng_skb_meta_clear(struct sk_buff *skb)
{
	memset(ng_skb_meta(skb), 0, sizeof(struct ng_skb_meta));
}

/*
 * Packets crossing between a network interface and the graph (the
 * interface types: iface, eiface).
 *
 * ng_skb_from_stack(): a packet an interface transmits, before it enters
 * the graph, which may keep it for long (a ksocket's queue) and take it
 * anywhere.  Drops what ties it to the sending stack: its socket (and
 * copies any zero-copy user pages), route, conntrack entry, extensions,
 * mark and device; clears the metadata.  Return: 0, or -ENOMEM (the
 * packet must be dropped).
 *
 * ng_skb_to_stack(): a packet from the graph, before @dev's stack receives
 * it, starting with a link-layer header of @hlen bytes.  It may come from another namespace or another interface: drops its
 * socket, route, mark, priority, timestamp, VLAN tag, conntrack entry and
 * metadata; keeps CHECKSUM_PARTIAL (a local packet not summed yet) if its
 * checksum starts past the link-layer header and goes in the packet's
 * head, forgets any other checksum state.  Return: 0, or -EINVAL (bad offsets: the packet must be dropped).
 */
/**
 * enum ng_drop_reason - why the graph dropped a packet (netgraph:ng_drop)
 * @NG_DROP_NOT_CONNECTED: the hook has no live peer, or the node no socket
 * @NG_DROP_HOP_LIMIT: a loop: the packet crossed NG_MAX_HOPS hops, or its
 *	transmits through devices nested too deep
 * @NG_DROP_COPY_BUDGET: its family used up its copies (fan-out, a loop)
 * @NG_DROP_DEFER_FULL: the namespace's deferred-delivery queue is full
 * @NG_DROP_QUEUE_FULL: a node's own queue, or its socket's buffer, is full
 * @NG_DROP_NOMEM: no memory
 * @NG_DROP_NO_ADDRESS: no destination for a datagram
 * @NG_DROP_SEND_ERROR: the network refused it (no route, ...)
 * @NG_DROP_NO_HOOK: the node has no hook to send it to
 * @NG_DROP_FILTERED: the node's policy refused it (a bridge's loop
 *	detection, a vlan hook without a filter, ...)
 * @NG_DROP_TOO_SHORT: shorter than the header the node needs
 * @NG_DROP_INVALID: a header or checksum state the node cannot take
 * @NG_DROP_TOO_BIG: larger than the interface or socket can carry
 * @NG_DROP_DEV_DOWN: the node's interface is down or gone
 */
enum ng_drop_reason {
	NG_DROP_NOT_CONNECTED,
	NG_DROP_HOP_LIMIT,
	NG_DROP_COPY_BUDGET,
	NG_DROP_DEFER_FULL,
	NG_DROP_QUEUE_FULL,
	NG_DROP_NOMEM,
	NG_DROP_NO_ADDRESS,
	NG_DROP_SEND_ERROR,
	NG_DROP_NO_HOOK,
	NG_DROP_FILTERED,
	NG_DROP_TOO_SHORT,
	NG_DROP_INVALID,
	NG_DROP_TOO_BIG,
	NG_DROP_DEV_DOWN,
};

/*
 * Drop @skb at @node (may be NULL) for @reason: the netgraph:ng_drop
 * tracepoint, then kfree_skb_reason() with the nearest generic reason.
 */
void ng_drop(const struct ng_node *node, struct sk_buff *skb,
	     enum ng_drop_reason reason);

int ng_skb_from_stack(struct sk_buff *skb);
int ng_skb_to_stack(struct sk_buff *skb, struct net_device *dev,
		    unsigned int hlen);

/**
 * struct ng_ifnet - the network interface of a node (kernel/ifnet.c)
 * @node: the node
 * @dev: its interface; NULL once unregistered (RTNL to write, RCU to read)
 *
 * An interface type (iface, eiface) keeps one in its node's private area
 * and gives its interface NG_IFNET_PRIV_SIZE bytes of private area,
 * ng_ifnet_setup() in its setup function, ng_ifnet_uninit() as ndo_uninit
 * and rtnl_link_ops whose dellink is ng_ifnet_dellink(), registered by the
 * module without setup.  ng_ifnet_register() in the constructor,
 * ng_ifnet_unregister() in shutdown.  Deleting the interface (ip link
 * del, its namespace's deletion) shuts the node down.  Packets go out
 * with ng_ifnet_xmit() and in with ng_ifnet_rx_dev() and
 * ng_ifnet_receive().
 */
struct ng_ifnet {
	struct ng_node *node;
	struct net_device __rcu *dev;
};

#define NG_IFNET_PRIV_SIZE	sizeof(struct ng_ifnet *)

struct rtnl_link_ops;

/* The ng_ifnet of an interface registered by ng_ifnet_register(). */
struct ng_ifnet *ng_ifnet_from_dev(struct net_device *dev);
void ng_ifnet_setup(struct net_device *dev, struct rtnl_link_ops *ops);
netdev_tx_t ng_ifnet_xmit(struct net_device *dev,
			  struct ng_hook __rcu **hookp, struct sk_buff *skb);
struct net_device *ng_ifnet_rx_dev(struct ng_ifnet *ifn, struct sk_buff *skb,
				   unsigned int hlen, int *errp);
void ng_ifnet_receive(struct net_device *dev, struct sk_buff *skb,
		      unsigned int len);
int ng_ifnet_register(struct ng_ifnet *ifn, struct ng_node *node,
		      struct net_device *dev);
void ng_ifnet_unregister(struct ng_ifnet *ifn);
void ng_ifnet_uninit(struct net_device *dev);
void ng_ifnet_dellink(struct net_device *dev, struct list_head *head);

#define NG_MAX_DEPTH	16	/* synchronous hop-to-hop calls */
#define NG_MAX_HOPS	256	/* hops one packet may make in total */
#define NG_MSG_BUDGET	8192	/* messages one message (or one control
				 * operation) may cause, in all */
#define NG_DEFER_QLEN	4096	/* packets waiting past the depth bound */

/*
 * Extack messages with the offending value where the kernel can format them
 * (NL_SET_ERR_MSG_FMT is a macro: its presence is the feature test), a fixed
 * text otherwise.
 */
#ifdef NL_SET_ERR_MSG_FMT
#define NG_ERR(extack, plain, fmt, ...) \
	NL_SET_ERR_MSG_FMT(extack, fmt, ##__VA_ARGS__)
#else
#define NG_ERR(extack, plain, fmt, ...) NL_SET_ERR_MSG(extack, plain)
#endif

#endif /* _NG_NETGRAPH_H */
