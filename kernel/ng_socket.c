// SPDX-License-Identifier: GPL-2.0
/*
 * netgraph for Linux: the "socket" node type, a node run by a process
 * (FreeBSD's ng_socket), over the generic-netlink family.
 *
 * A process asks for a node with NETGRAPH_CMD_SOCK_NEW on one netlink
 * socket, its owner socket: requests from that socket that act "as the
 * node" (a message sent from the node, a packet sent out of one of its
 * hooks) find the node by the socket's port ID, never by an ID the process
 * names.  Two more sockets of the same process attach as the node's
 * channels: the control socket receives every message that arrives at the
 * node (replies included) and the data socket every packet, as netlink
 * notifications.  Keeping the channels apart from the owner socket means
 * the answers to requests never interleave with notifications, so the
 * channel sockets stay plain readable descriptors for poll().
 *
 * Lifetime: the node shuts down when its owner or control socket is closed
 * (NETLINK_URELEASE), when it is shut down like any node, or, after
 * NGM_SOCK_CMD_NOLINGER, with its last hook.  Closing the data socket only
 * detaches it.  Every shutdown goes through the core's ng_node_kill() path;
 * namespace and module exit included.
 *
 * Locking: ng_socks_lock guards the list of socket nodes and the three port
 * IDs, which the netlink notifier (process context, any lock held by the
 * closing task) updates; rcvdata reads the data port ID with READ_ONCE.
 */
#include <kunit/visibility.h>
#include <linux/netlink.h>
#include <linux/notifier.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <net/genetlink.h>
#include <net/netlink.h>

#include "core.h"
#include "../uapi/ng_socket.h"

/**
 * struct ng_sock_priv - one socket node
 * @link: on ng_socks
 * @kill_link: on the notifier's local list of nodes to shut down
 * @node: the node
 * @net: the node's namespace (the node dies before it)
 * @owner: port ID of the owner socket; 0 once it closed
 * @ctl: port ID of the control socket; 0 if none
 * @data: port ID of the data socket; 0 if none
 * @tgid: the creating process, the only one that may attach channels
 * @dying: a socket close already asked for the shutdown
 * @nolinger: shut down with the last hook (control context)
 * @msgs: messages handed to the control socket
 * @msg_drops: messages lost (no control socket, or its buffer was full)
 * @pkts: packets handed to the data socket
 * @pkt_drops: packets lost (no data socket, no memory, buffer full)
 */
struct ng_sock_priv {
	struct list_head link;
	struct list_head kill_link;
	struct ng_node *node;
	struct net *net;
	u32 owner;
	u32 ctl;
	u32 data;
	struct pid *tgid;
	bool dying;
	bool nolinger;
	atomic64_t msgs;
	atomic64_t msg_drops;
	atomic64_t pkts;
	atomic64_t pkt_drops;
};

static LIST_HEAD(ng_socks);
static DEFINE_SPINLOCK(ng_socks_lock);

static struct ng_type ng_sock_type;

/* The socket node owned by @portid in @net, or NULL (graph locked). */
static struct ng_node *ngs_node_of(struct net *net, u32 portid)
{
	struct ng_sock_priv *priv;
	struct ng_node *node = NULL;

	if (!portid)	/* the kernel's own sockets; and closed owners read 0 */
		return NULL;
	spin_lock(&ng_socks_lock);
	list_for_each_entry(priv, &ng_socks, link) {
		if (priv->owner == portid && net_eq(priv->net, net)) {
			node = priv->node;
			break;
		}
	}
	spin_unlock(&ng_socks_lock);
	return node && ng_node_valid(node) ? node : NULL;
}

static struct ng_node *ngs_node_of_err(struct net *net, u32 portid,
				       struct netlink_ext_ack *extack)
{
	struct ng_node *node = ngs_node_of(net, portid);

	if (!node)
		NL_SET_ERR_MSG(extack, "this netlink socket has no socket node (never made, closed or shut down)");
	return node;
}

struct ngs_new_arg {
	struct net *net;
	u32 portid;
};

static int ngs_init(struct ng_node *node, void *arg)
{
	struct ng_sock_priv *priv = ng_node_priv(node);
	struct ngs_new_arg *a = arg;

	priv->node = node;
	priv->net = a->net;
	priv->owner = a->portid;
	priv->tgid = get_pid(task_tgid(current));
	INIT_LIST_HEAD(&priv->kill_link);
	spin_lock(&ng_socks_lock);
	list_add_tail(&priv->link, &ng_socks);
	spin_unlock(&ng_socks_lock);
	return 0;
}

/**
 * ng_sock_new - make a socket node owned by a netlink socket
 * @net: the requester's namespace
 * @portid: the requesting (owner) socket's port ID
 * @name: the node's name, or NULL
 * @ni: the new node's description
 * @extack: error reporting
 *
 * Return:
 * * %0 - made (and named)
 * * %-EISCONN - the socket already owns a socket node
 * * %-EINVAL - @name breaks the naming rules
 * * %-EADDRINUSE - @name is taken
 * * %-ENETDOWN, %-ENOMEM, %-EBUSY - as for any new node
 */
int ng_sock_new(struct net *net, u32 portid, const char *name,
		struct nodeinfo *ni, struct netlink_ext_ack *extack)
{
	struct ng_net *ngn = ng_net_get(net);
	struct ngs_new_arg arg = { .net = net, .portid = portid };
	struct ng_node *node;
	int err;

	ng_net_lock(ngn);
	if (ngs_node_of(net, portid)) {
		NL_SET_ERR_MSG(extack, "this netlink socket already owns a socket node");
		err = -EISCONN;
		goto out;
	}
	if (name) {
		err = ng_name_check(name, extack);
		if (err)
			goto out;
		if (ng_node_by_name(ngn, name)) {
			NG_ERR(extack, "NAME already in use",
			       "node name \"%s\" already in use", name);
			err = -EADDRINUSE;
			goto out;
		}
	}
	err = ng_node_new(ngn, &ng_sock_type, ngs_init, &arg, &node, extack);
	if (err)
		goto out;
	if (name) {
		err = ng_node_set_name(node, name, extack);
		if (err) {
			ng_node_kill(node);
			goto out;
		}
	}
	ng_node_info(node, ni);
out:
	ng_net_unlock(ngn);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(ng_sock_new);

/**
 * ng_sock_attach - make a netlink socket a channel of a socket node
 * @net: the requester's namespace
 * @portid: the requesting socket's port ID
 * @path: address of the socket node
 * @channel: NETGRAPH_SOCK_CHAN_CTL or NETGRAPH_SOCK_CHAN_DATA
 * @extack: error reporting
 *
 * Return:
 * * %0 - attached
 * * %-EINVAL - @path is not a socket node
 * * %-EPERM - another process made the node
 * * %-EADDRINUSE - the node already has that channel
 * * %-EISCONN - the socket already is that channel of a node
 * * others - resolving @path
 */
int ng_sock_attach(struct net *net, u32 portid, const char *path,
		   u32 channel, struct netlink_ext_ack *extack)
{
	struct ng_net *ngn = ng_net_get(net);
	struct ng_sock_priv *priv, *p;
	struct ng_node *node;
	u32 *slot;
	int err;

	ng_net_lock(ngn);
	err = ng_path_resolve(ngn, NULL, path, &node, NULL, extack);
	if (err)
		goto out;
	if (node->type != &ng_sock_type) {
		NL_SET_ERR_MSG(extack, "PATH is not a socket node");
		err = -EINVAL;
		goto out;
	}
	priv = ng_node_priv(node);
	if (priv->tgid != task_tgid(current)) {
		NL_SET_ERR_MSG(extack, "the socket node at PATH belongs to another process");
		err = -EPERM;
		goto out;
	}
	spin_lock(&ng_socks_lock);
	slot = channel == NETGRAPH_SOCK_CHAN_CTL ? &priv->ctl : &priv->data;
	if (*slot) {
		NL_SET_ERR_MSG(extack, "the socket node already has this CHANNEL");
		err = -EADDRINUSE;
		goto unlock;
	}
	list_for_each_entry(p, &ng_socks, link) {
		if (!net_eq(p->net, net))
			continue;
		if ((channel == NETGRAPH_SOCK_CHAN_CTL && p->ctl == portid) ||
		    (channel == NETGRAPH_SOCK_CHAN_DATA && p->data == portid)) {
			NL_SET_ERR_MSG(extack, "this netlink socket already is this CHANNEL of a node");
			err = -EISCONN;
			goto unlock;
		}
	}
	WRITE_ONCE(*slot, portid);
unlock:
	spin_unlock(&ng_socks_lock);
out:
	ng_net_unlock(ngn);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(ng_sock_attach);

/**
 * ng_sock_msg - send a message from the requester's socket node
 * @net: the requester's namespace
 * @portid: the owner socket's port ID
 * @path: the destination, relative to the socket node
 * @msg: the message (always consumed)
 * @extack: error reporting
 *
 * The return address is the socket node, so the destination's replies
 * reach the node and its control socket.  A reply the destination gives
 * while handling the message is handed to the control socket before this
 * returns, as FreeBSD's ng_socket does: a program may look for it with a
 * zero timeout once its send returned (FreeBSD ngctl's "msg").  Later
 * replies are queued like any message.
 *
 * Return:
 * * %0 - delivered and accepted
 * * %-ENOTCONN - the socket owns no (live) socket node
 * * others - resolving @path, or the destination's own result
 */
int ng_sock_msg(struct net *net, u32 portid, const char *path,
		struct ng_mesg *msg, struct netlink_ext_ack *extack)
{
	struct ng_net *ngn = ng_net_get(net);
	struct ng_msgitem item = {
		.msg = msg,
		.extack = extack,
		.keep_resp = true,
	};
	struct ng_node *node, *dst;
	int err;

	ng_net_lock(ngn);
	node = ngs_node_of_err(net, portid, extack);
	if (!node) {
		err = -ENOTCONN;
		goto out;
	}
	item.retaddr = node->id;
	err = ng_path_resolve(ngn, node, path, &dst, &item.lasthook, extack);
	if (err)
		goto out;
	err = ng_msg_deliver(dst, &item);
	if (item.resp) {
		/* sent even if the handler failed afterwards, as it was sent */
		struct ng_msgitem reply = {
			.msg = item.resp,
			.retaddr = dst->id,
		};

		ng_msg_deliver(node, &reply);
	}
out:
	ng_net_unlock(ngn);
	kvfree(item.resp);
	kvfree(msg);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(ng_sock_msg);

/**
 * ng_sock_send - send a packet out of a hook of the requester's socket node
 * @net: the requester's namespace
 * @portid: the owner socket's port ID
 * @hookname: the hook, or NULL for the node's only hook
 * @skb: the packet (always consumed)
 * @extack: error reporting
 *
 * Return:
 * * %0 - sent
 * * %-ENOTCONN - the socket owns no (live) socket node, or the hook's peer
 *   is gone
 * * %-EHOSTUNREACH - the node has no connected hook @hookname
 * * %-EDESTADDRREQ - no @hookname and the node has not exactly one hook
 * * others - as for ng_send_data()
 */
int ng_sock_send(struct net *net, u32 portid, const char *hookname,
		 struct sk_buff *skb, struct netlink_ext_ack *extack)
{
	enum ng_drop_reason reason = NG_DROP_NO_HOOK;
	struct ng_net *ngn = ng_net_get(net);
	struct ng_hook *hook;
	struct ng_node *node;
	int err;

	ng_net_lock(ngn);
	node = ngs_node_of_err(net, portid, extack);
	if (!node) {
		err = -ENOTCONN;
		reason = NG_DROP_NOT_CONNECTED;
		goto out;
	}
	if (hookname) {
		hook = ng_hook_find_live(node, hookname);
		if (!hook) {
			NG_ERR(extack, "the socket node has no connected hook OURHOOK",
			       "the socket node has no connected hook \"%s\"",
			       hookname);
			err = -EHOSTUNREACH;
			goto out;
		}
	} else if (node->numhooks != 1) {
		NL_SET_ERR_MSG(extack, "no OURHOOK, and the socket node has not exactly one hook");
		err = -EDESTADDRREQ;
		goto out;
	} else {
		hook = ng_hook_first_rcu(node);
		if (!hook) {
			NL_SET_ERR_MSG(extack, "the socket node's hook is not connected");
			err = -EDESTADDRREQ;
			goto out;
		}
	}
	err = ng_send_data(hook, skb);
	skb = NULL;	/* consumed */
out:
	if (skb)
		ng_drop(node, skb, reason);
	ng_net_unlock(ngn);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(ng_sock_send);

/* Hand @item's message to the control socket (control context). */
static int ngs_to_ctl(struct ng_sock_priv *priv, struct ng_msgitem *item)
{
	size_t len = sizeof(*item->msg) + item->msg->header.arglen;
	u32 portid = READ_ONCE(priv->ctl);
	char from[16];
	struct sk_buff *skb;
	void *hdr;
	int err;

	if (!portid) {
		NL_SET_ERR_MSG(item->extack, "the socket node has no control socket");
		err = -ENOTCONN;
		goto drop;
	}
	if (len > NG_NLA_MAX_PAYLOAD) {
		NL_SET_ERR_MSG(item->extack, "message larger than one netlink attribute (65531 bytes): the control socket cannot take it");
		err = -EMSGSIZE;
		goto drop;
	}
	skb = genlmsg_new(nla_total_size(len) + nla_total_size(sizeof(from)),
			  GFP_KERNEL);
	if (!skb) {
		err = -ENOMEM;
		goto drop;
	}
	hdr = genlmsg_put(skb, 0, 0, &ng_genl_family, 0, NETGRAPH_CMD_SOCK_MSG);
	if (!hdr)
		goto nospace;
	if (item->retaddr) {
		snprintf(from, sizeof(from), "[%x]:", item->retaddr);
		if (nla_put_string(skb, NETGRAPH_A_PATH, from))
			goto nospace;
	}
	if (nla_put(skb, NETGRAPH_A_MSG, len, item->msg))
		goto nospace;
	genlmsg_end(skb, hdr);
	err = genlmsg_unicast(priv->net, skb, portid);
	if (err) {
		if (err == -EAGAIN)
			err = -ENOBUFS;
		goto drop;
	}
	atomic64_inc(&priv->msgs);
	return 0;

nospace:
	nlmsg_free(skb);
	err = -EMSGSIZE;
drop:
	atomic64_inc(&priv->msg_drops);
	return err;
}

static int ngs_status(struct ng_node *node, struct ng_msgitem *item)
{
	struct ng_sock_priv *priv = ng_node_priv(node);
	struct ng_mesg *resp;
	int len;

	resp = ng_mkresponse(item->msg, NG_TEXTRESPONSE, GFP_KERNEL);
	if (!resp)
		return -ENOMEM;
	spin_lock(&ng_socks_lock);
	len = scnprintf(resp->data, NG_TEXTRESPONSE,
			"owner socket: %u\ncontrol socket: %u\ndata socket: %u\n",
			priv->owner, priv->ctl, priv->data);
	spin_unlock(&ng_socks_lock);
	len += scnprintf(resp->data + len, NG_TEXTRESPONSE - len,
			 "linger: %s\nmessages: %lld delivered, %lld dropped\n"
			 "packets: %lld delivered, %lld dropped\n",
			 priv->nolinger ? "no" : "yes",
			 atomic64_read(&priv->msgs),
			 atomic64_read(&priv->msg_drops),
			 atomic64_read(&priv->pkts),
			 atomic64_read(&priv->pkt_drops));
	resp->header.arglen = len + 1;
	return ng_respond(node, item, resp);
}

/**
 * ngs_rcvmsg - a message arrived at the socket node
 * @node: this node
 * @item: the message
 *
 * NGM_SOCKET_COOKIE requests set the linger mode and NGM_TEXT_STATUS
 * reports the counters; everything else, replies included, goes up to the
 * control socket with the sender's address.
 *
 * Return:
 * * %0 - handled or handed to the control socket
 * * %-EINVAL - unknown NGM_SOCKET_COOKIE command, or NGM_TEXT_CONFIG
 * * %-ENOTCONN - no control socket
 * * %-ENOBUFS - the control socket's receive buffer is full
 * * %-EMSGSIZE - larger than %NG_NLA_MAX_PAYLOAD bytes
 *   %-ENOMEM
 */
static int ngs_rcvmsg(struct ng_node *node, struct ng_msgitem *item)
{
	struct ng_sock_priv *priv = ng_node_priv(node);
	const struct ng_msghdr *h = &item->msg->header;

	if (h->flags & NGF_RESP)
		return ngs_to_ctl(priv, item);
	if (h->typecookie == NGM_SOCKET_COOKIE) {
		switch (h->cmd) {
		case NGM_SOCK_CMD_NOLINGER:
			/* as FreeBSD: takes effect when a hook goes */
			priv->nolinger = true;
			return 0;
		case NGM_SOCK_CMD_LINGER:
			priv->nolinger = false;
			return 0;
		default:
			NL_SET_ERR_MSG(item->extack, "socket: unknown cmd");
			return -EINVAL;
		}
	}
	if (h->typecookie == NGM_GENERIC_COOKIE) {
		if (h->cmd == NGM_TEXT_STATUS)
			return ngs_status(node, item);
		NL_SET_ERR_MSG(item->extack, "socket: no configuration text");
		return -EINVAL;
	}
	return ngs_to_ctl(priv, item);
}

/**
 * ngs_rcvdata - a packet arrived: hand it to the data socket
 * @hook: the arrival hook
 * @skb: the packet
 *
 * Runs in softirq or process context: the notification is allocated with
 * GFP_ATOMIC and sent without blocking.  A packet the data socket cannot
 * take is dropped and counted.
 *
 * Return:
 * * %0 - handed to the data socket
 * * %-ENOTCONN - no data socket (dropped)
 * * %-EMSGSIZE - larger than one netlink attribute can carry (dropped)
 * * %-ENOBUFS - no memory, or the socket's receive buffer is full (dropped)
 */
static int ngs_rcvdata(struct ng_hook *hook, struct sk_buff *skb)
{
	struct ng_sock_priv *priv = ng_node_priv(ng_hook_node(hook));
	u32 portid = READ_ONCE(priv->data);
	enum ng_drop_reason reason;
	struct sk_buff *nskb;
	struct nlattr *a;
	void *hdr;
	int err;

	if (!portid) {
		err = -ENOTCONN;
		reason = NG_DROP_NOT_CONNECTED;
		goto drop;
	}
	if (skb->len > NG_NLA_MAX_PAYLOAD) {
		err = -EMSGSIZE;
		reason = NG_DROP_TOO_BIG;
		goto drop;
	}
	err = -ENOBUFS;
	reason = NG_DROP_NOMEM;
	nskb = genlmsg_new(nla_total_size(skb->len) + nla_total_size(NG_HOOKSIZ),
			   GFP_ATOMIC | __GFP_NOWARN);
	if (!nskb)
		goto drop;
	hdr = genlmsg_put(nskb, 0, 0, &ng_genl_family, 0,
			  NETGRAPH_CMD_SOCK_DATA);
	if (!hdr || nla_put_string(nskb, NETGRAPH_A_OURHOOK, ng_hook_name(hook)))
		goto nospace;
	a = nla_reserve(nskb, NETGRAPH_A_DATA, skb->len);
	if (!a || skb_copy_bits(skb, 0, nla_data(a), skb->len))
		goto nospace;
	genlmsg_end(nskb, hdr);
	err = genlmsg_unicast(priv->net, nskb, portid);
	if (err) {
		/* (ECONNREFUSED: the socket is gone; else its buffer is full) */
		reason = err == -ECONNREFUSED ? NG_DROP_NOT_CONNECTED :
			 NG_DROP_QUEUE_FULL;
		err = -ENOBUFS;
		goto drop;
	}
	atomic64_inc(&priv->pkts);
	consume_skb(skb);
	return 0;

nospace:
	nlmsg_free(nskb);
drop:
	atomic64_inc(&priv->pkt_drops);
	ng_drop(ng_hook_node(hook), skb, reason);
	return err;
}

static void ngs_disconnect(struct ng_hook *hook)
{
	struct ng_node *node = ng_hook_node(hook);
	struct ng_sock_priv *priv = ng_node_priv(node);

	if (!ng_node_numhooks(node) && priv->nolinger)
		ng_rmnode_self(node);
}

/* Tell a channel socket the node is gone, so a blocked reader wakes up. */
static void ngs_notify_closed(struct ng_node *node, u32 portid)
{
	struct ng_sock_priv *priv = ng_node_priv(node);
	struct sk_buff *skb;
	struct nlattr *nest;
	void *hdr;

	skb = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!skb)
		return;
	hdr = genlmsg_put(skb, 0, 0, &ng_genl_family, 0,
			  NETGRAPH_CMD_SOCK_CLOSED);
	nest = hdr ? nla_nest_start(skb, NETGRAPH_A_NODE) : NULL;
	if (!nest || nla_put_u32(skb, NETGRAPH_NODE_A_ID, node->id)) {
		nlmsg_free(skb);
		return;
	}
	nla_nest_end(skb, nest);
	genlmsg_end(skb, hdr);
	genlmsg_unicast(priv->net, skb, portid);
}

static void ngs_shutdown(struct ng_node *node)
{
	struct ng_sock_priv *priv = ng_node_priv(node);
	u32 ctl, data;

	spin_lock(&ng_socks_lock);
	list_del(&priv->link);
	ctl = priv->ctl;
	data = priv->data;
	priv->owner = 0;
	WRITE_ONCE(priv->ctl, 0);
	WRITE_ONCE(priv->data, 0);
	spin_unlock(&ng_socks_lock);
	if (!node->ngn->dying) {
		if (ctl)
			ngs_notify_closed(node, ctl);
		if (data && data != ctl)
			ngs_notify_closed(node, data);
	}
	put_pid(priv->tgid);
}

/*
 * A netlink socket is going away (process context; the closing task may
 * hold any lock, the graph lock included, so the shutdown is asked for with
 * ng_rmnode_self(), which queues it unless this task holds the lock).
 */
static int ngs_netlink_notify(struct notifier_block *nb, unsigned long state,
			      void *ptr)
{
	struct netlink_notify *n = ptr;
	struct ng_sock_priv *priv, *tmp;
	LIST_HEAD(kill);

	if (state != NETLINK_URELEASE || n->protocol != NETLINK_GENERIC ||
	    !n->portid)
		return NOTIFY_DONE;
	spin_lock(&ng_socks_lock);
	list_for_each_entry(priv, &ng_socks, link) {
		if (!net_eq(priv->net, n->net))
			continue;
		if (priv->data == n->portid)
			WRITE_ONCE(priv->data, 0);
		if (priv->owner != n->portid && priv->ctl != n->portid)
			continue;
		priv->owner = 0;
		if (priv->ctl == n->portid)
			WRITE_ONCE(priv->ctl, 0);
		if (!priv->dying) {
			priv->dying = true;
			ng_node_get(priv->node);
			list_add_tail(&priv->kill_link, &kill);
		}
	}
	spin_unlock(&ng_socks_lock);
	list_for_each_entry_safe(priv, tmp, &kill, kill_link) {
		struct ng_node *node = priv->node;

		list_del_init(&priv->kill_link);
		ng_rmnode_self(node);
		ng_node_put(node);
	}
	return NOTIFY_DONE;
}

static struct notifier_block ngs_netlink_nb = {
	.notifier_call = ngs_netlink_notify,
};

/*
 * Built into netgraph.ko with no module owner: the nodes cannot pin the
 * module that contains them; module exit destroys them with every other
 * node (namespace teardown).  No constructor: mkpeer cannot make one.
 */
static struct ng_type ng_sock_type = {
	.name		= NG_SOCKET_NODE_TYPE,
	.owner		= NULL,
	.node_priv_size	= sizeof(struct ng_sock_priv),
	.rcvmsg		= ngs_rcvmsg,
	.rcvdata	= ngs_rcvdata,
	.disconnect	= ngs_disconnect,
	.shutdown	= ngs_shutdown,
};

/* Register the type; before the namespaces exist. */
int ng_sock_type_init(void)
{
	return ng_type_register(&ng_sock_type);
}

/* After every namespace's graph is gone. */
void ng_sock_type_exit(void)
{
	ng_type_unregister(&ng_sock_type);
}

/* Watch socket closes; after the namespaces exist. */
int ng_sock_init(void)
{
	return netlink_register_notifier(&ngs_netlink_nb);
}

/* Before the namespaces' graphs are destroyed: no more queued shutdowns. */
void ng_sock_exit(void)
{
	netlink_unregister_notifier(&ngs_netlink_nb);
}
