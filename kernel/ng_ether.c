// SPDX-License-Identifier: GPL-2.0
/*
 * netgraph for Linux: the "ether" node type, FreeBSD's node for each
 * Ethernet interface.
 *
 * Every Ethernet device of every namespace has a node of this type in its
 * namespace's graph, named after it (FreeBSD's names: '.' and ':' become
 * '_').  Its hooks:
 *  - lower (or divert): the frames the device receives go there instead of
 *    to the host; frames written to it are sent on the wire;
 *  - upper: the frames the host transmits go there instead of to the wire;
 *    frames written to it are received by the host as if from the wire;
 *  - orphans: the received frames the host would discard (an EtherType
 *    other than IPv4, ARP and IPv6, or a VLAN tag no VLAN device takes),
 *    while lower is not connected; written frames go to the wire.
 *
 * How a device's traffic is taken:
 *  - receive: an rx_handler, registered only while lower or orphans is
 *    connected.  A device has one; when a bridge, bond, macvlan or team
 *    holds it, connecting lower or orphans fails with EBUSY.
 *  - the host's transmit: a netfilter hook at NF_NETDEV_EGRESS (in
 *    __dev_queue_xmit(), before the qdisc), registered only while upper is
 *    connected; GSO frames are segmented and CHECKSUM_PARTIAL ones summed
 *    before the graph sees them.
 *  - frames written to lower leave by dev_queue_xmit(), and frames written
 *    to upper enter by netif_receive_skb_core() from a work item (a fresh
 *    stack, so a graph that loops through the host cannot nest).  A
 *    per-CPU note of the device tells the egress hook and the rx_handler
 *    to let the node's own frames pass.
 *
 * Lifecycle.  The core's lock order is graph lock, then RTNL (an eiface
 * registers its device under the graph lock), and a netdevice notifier
 * runs under RTNL: so the notifier never takes a graph lock.  A device
 * that appears (NETDEV_REGISTER, or any at module load) gets its node from
 * a work item, which takes the graph lock, then RTNL, finds the device by
 * index and links them (ng_make_node_in()); a linked node holds its
 * device (netdev_hold()).  A device that goes (NETDEV_UNREGISTER, under
 * RTNL; also when it moves to another namespace, and NETDEV_PRE_TYPE_CHANGE
 * when a bond or team stops being Ethernet) is unlinked there and then:
 * its handlers are removed, its node loses the device (RCU) and is shut
 * down.  A rename or a change of link state sends the node a message to
 * itself (one at a time), handled in control context: the node renames
 * itself, or tells lower and orphans.
 *
 * As on FreeBSD, the type is persistent: a user's shutdown (NGM_SHUTDOWN,
 * ngctl's shutdown or kill) removes the node's hooks and resets it (not
 * promiscuous, autosrc on), and the node stays.  NGM_ETHER_DETACH removes
 * it for good: the device has none until the module is loaded again (or
 * the device moves to another namespace).  Unloading the module removes
 * every node (FreeBSD refuses while an interface has one).
 *
 * Locking: priv->dev and the table of linked nodes (ng_ether_mutex, taken
 * inside the RTNL), the handlers, promiscuity and multicast addresses
 * change under the RTNL; the hook pointers are set in control context and
 * read by the data path under RCU.
 */
#include <linux/etherdevice.h>
#include <linux/hashtable.h>
#include <linux/if_arp.h>
#include <linux/if_vlan.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/netfilter.h>
#include <linux/percpu.h>
#include <linux/rtnetlink.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#ifdef NG_HAVE_NET_GSO_H
#include <net/gso.h>
#endif

#include "netgraph.h"
#include "ng_parse.h"
#include "../uapi/ng_ether.h"

/* Multicast addresses one node may add (FreeBSD has no bound). */
#define NG_ETHER_MAX_MULTI	64
/* Frames written to upper waiting for the host, per node, and their bytes. */
#define NG_ETHER_UPQ_LEN	1024
#define NG_ETHER_UPQ_BYTES	(4 << 20)
/* ... handed to the host per run of the work item. */
#define NG_ETHER_UPQ_BATCH	64
/* After nftables' usual egress chains (priority filter, 0). */
#define NG_ETHER_EGRESS_PRIO	1000
/* The node's message to itself: follow the device's name and link. */
#define NG_ETHER_SYNC		0x65746800
/* What it follows (priv->sync bits) */
enum { NG_ETHER_SYNC_NAME, NG_ETHER_SYNC_LINK, NG_ETHER_SYNC_QUEUED };

struct ng_ether_priv {
	struct ng_node *node;
	/* RTNL and ng_ether_mutex to write, RCU to read */
	struct net_device __rcu *dev;
	netdevice_tracker dev_tracker;	/* held while linked */
	struct hlist_node link;		/* ng_ether_hash, ng_ether_mutex */
	/* set in control context, read by the data path */
	struct ng_hook __rcu *lower;
	struct ng_hook __rcu *upper;
	struct ng_hook __rcu *orphan;
	bool autosrc;
	/* RTNL */
	bool rx_handler, egress, promisc, linkup;
	unsigned int nmulti;
	u8 multi[NG_ETHER_MAX_MULTI][ETH_ALEN];
	struct nf_hook_ops egress_ops;
	unsigned long sync;		/* NG_ETHER_SYNC_* asked for */
	/* frames written to upper, for the host; upq_bytes under its lock */
	struct sk_buff_head upq;
	unsigned int upq_bytes;
	struct work_struct upwork;
};

/* Work for a device: make its node. */
struct ng_ether_work {
	struct work_struct work;
	struct net *net;		/* referenced */
	int ifindex;
};

static DEFINE_MUTEX(ng_ether_mutex);	/* inside RTNL */
static struct workqueue_struct *ng_ether_wq;	/* attach works */
static DEFINE_HASHTABLE(ng_ether_hash, 8);	/* linked nodes by device */
static bool ng_ether_live;		/* between start and stop */
static struct ng_type ng_ether_type;

/*
 * The device whose host is receiving (rx) or whose wire is sending (tx) a
 * frame of its node on this CPU, so that its rx_handler and its egress
 * hook let the frame pass.  Set with bottom halves disabled.
 */
static DEFINE_PER_CPU(struct net_device *, ng_ether_rx_self);
static DEFINE_PER_CPU(struct net_device *, ng_ether_tx_self);

static bool ng_ether_is_ether(const struct net_device *dev)
{
	return dev->type == ARPHRD_ETHER && dev->addr_len == ETH_ALEN &&
	       !(dev->flags & IFF_LOOPBACK);
}

/* The node of @dev; ng_ether_mutex held. */
static struct ng_ether_priv *ng_ether_find(const struct net_device *dev)
{
	struct ng_ether_priv *priv;

	lockdep_assert_held(&ng_ether_mutex);
	hash_for_each_possible(ng_ether_hash, priv, link, (unsigned long)dev)
		if (rcu_access_pointer(priv->dev) == dev)
			return priv;
	return NULL;
}

/* Link @priv to @dev (RTNL, ng_ether_mutex): the node holds the device. */
static void ng_ether_link(struct ng_ether_priv *priv, struct net_device *dev)
{
	lockdep_assert_held(&ng_ether_mutex);
	netdev_hold(dev, &priv->dev_tracker, GFP_KERNEL);
	rcu_assign_pointer(priv->dev, dev);
	hash_add(ng_ether_hash, &priv->link, (unsigned long)dev);
}

/* Undo ng_ether_link() (the device may be going: its last users wait). */
static void ng_ether_unlink(struct ng_ether_priv *priv, struct net_device *dev)
{
	lockdep_assert_held(&ng_ether_mutex);
	hash_del(&priv->link);
	RCU_INIT_POINTER(priv->dev, NULL);
	netdev_put(dev, &priv->dev_tracker);
}

/* FreeBSD's node names: the interface's, with '.' and ':' as '_'. */
static void ng_ether_node_name(const char *ifname, char *name)
{
	int i;

	for (i = 0; i < IFNAMSIZ - 1 && ifname[i]; i++)
		name[i] = ifname[i] == '.' || ifname[i] == ':' ? '_' :
			  ifname[i];
	name[i] = '\0';
}

static bool ng_ether_link_up(const struct net_device *dev)
{
	return netif_running(dev) && netif_carrier_ok(dev);
}

/* ---- The data path ---- */

/* Frames the host would discard: they go to orphans. */
static bool ng_ether_is_orphan(const struct sk_buff *skb)
{
	if (skb->pkt_type == PACKET_OTHERHOST)
		return false;	/* FreeBSD drops these before */
	if (skb_vlan_tag_present(skb) && skb_vlan_tag_get_id(skb))
		return true;	/* no VLAN device took it */
	switch (skb->protocol) {
	case htons(ETH_P_IP):
	case htons(ETH_P_ARP):
	case htons(ETH_P_IPV6):
		return false;
	default:
		return true;
	}
}

/* One whole frame of the device or its host into the graph, summed. */
static void ng_ether_one_in(struct ng_hook *hook, struct sk_buff *skb)
{
	if ((skb->ip_summed == CHECKSUM_PARTIAL && skb_checksum_help(skb)) ||
	    ng_skb_from_stack(skb)) {
		ng_drop(ng_hook_node(hook), skb, NG_DROP_NOMEM);
		return;
	}
	ng_send_data(hook, skb);
}

/*
 * A frame of the device (GRO may have merged several) or of its host
 * (GSO), from its Ethernet header, into the graph: as the frames the wire
 * carries, each summed, since the graph may take them to a socket or to an
 * interface without offloads.
 */
static void ng_ether_in(struct ng_hook *hook, struct sk_buff *skb)
{
	struct sk_buff *segs, *next;

	if (!skb_is_gso(skb)) {
		ng_ether_one_in(hook, skb);
		return;
	}
	/* (a tap's clone must not see the headers change) */
	if (skb_unclone(skb, GFP_ATOMIC)) {
		ng_drop(ng_hook_node(hook), skb, NG_DROP_NOMEM);
		return;
	}
	segs = skb_gso_segment(skb, 0);
	if (IS_ERR_OR_NULL(segs)) {
		ng_drop(ng_hook_node(hook), skb,
			PTR_ERR(segs) == -ENOMEM ? NG_DROP_NOMEM :
			NG_DROP_INVALID);
		return;
	}
	consume_skb(skb);
	skb_list_walk_safe(segs, skb, next) {
		skb_mark_not_on_list(skb);
		ng_ether_one_in(hook, skb);
	}
}

/* The host transmits on the device (BH disabled, RCU): take it to upper. */
static unsigned int ng_ether_egress(void *arg, struct sk_buff *skb,
				    const struct nf_hook_state *state)
{
	struct ng_ether_priv *priv = arg;
	struct ng_hook *hook;

	if (__this_cpu_read(ng_ether_tx_self) == state->out)
		return NF_ACCEPT;
	hook = rcu_dereference(priv->upper);
	if (!hook)
		return NF_ACCEPT;
	if (skb_vlan_tag_present(skb)) {
		skb = __vlan_hwaccel_push_inside(skb);
		if (!skb)
			return NF_STOLEN;
	}
	ng_ether_in(hook, skb);
	return NF_STOLEN;
}

/* A frame the device received, to lower or orphans (RCU, softirq). */
static rx_handler_result_t ng_ether_rx(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	struct ng_ether_priv *priv;
	struct ng_hook *hook;

	if (skb->pkt_type == PACKET_LOOPBACK ||
	    __this_cpu_read(ng_ether_rx_self) == skb->dev)
		return RX_HANDLER_PASS;
	priv = rcu_dereference(skb->dev->rx_handler_data);
	hook = rcu_dereference(priv->lower);
	if (!hook) {
		hook = rcu_dereference(priv->orphan);
		if (!hook || !ng_ether_is_orphan(skb))
			return RX_HANDLER_PASS;
	}
	skb = skb_share_check(skb, GFP_ATOMIC);
	if (!skb)
		return RX_HANDLER_CONSUMED;
	/* The graph sees the frame from its Ethernet header, tag inside. */
	skb_push_rcsum(skb, skb->data - skb_mac_header(skb));
	if (skb_vlan_tag_present(skb)) {
		skb = __vlan_hwaccel_push_inside(skb);
		if (!skb)
			return RX_HANDLER_CONSUMED;
	}
	ng_ether_in(hook, skb);
	return RX_HANDLER_CONSUMED;
}

/* A frame written to lower or orphans: onto the wire. */
static int ng_ether_xmit(struct ng_ether_priv *priv, struct sk_buff *skb)
{
	struct net_device *dev = rcu_dereference(priv->dev), *saved;
	enum ng_drop_reason reason;
	int err;

	if (!dev || !netif_running(dev)) {
		err = dev ? -ENETDOWN : -ENXIO;
		reason = NG_DROP_DEV_DOWN;
		goto drop;
	}
	if (skb->len < ETH_HLEN) {
		err = -EINVAL;
		reason = NG_DROP_TOO_SHORT;
		goto drop;
	}
	if (!pskb_may_pull(skb, ETH_HLEN) ||
	    ng_skb_to_stack(skb, dev, ETH_HLEN)) {
		err = -EINVAL;
		reason = NG_DROP_INVALID;
		goto drop;
	}
	/* What the device could not send whole (FreeBSD does not check). */
	if (skb->len > dev->mtu + ETH_HLEN + VLAN_HLEN) {
		err = -EMSGSIZE;
		reason = NG_DROP_TOO_BIG;
		goto drop;
	}
	if (READ_ONCE(priv->autosrc)) {
		if (skb_ensure_writable(skb, ETH_HLEN)) {
			err = -ENOBUFS;
			reason = NG_DROP_NOMEM;
			goto drop;
		}
		memcpy(skb->data + ETH_ALEN, dev->dev_addr, ETH_ALEN);
	}
	/*
	 * The device's transmit may come back into the graph (another
	 * node's upper on a device under this one): the kernel's bound on
	 * nested transmits applies to the whole chain.
	 */
	if (dev_xmit_recursion()) {
		net_crit_ratelimited("ether: %s: transmit nested too deep, frame dropped\n",
				     dev->name);
		err = -ELOOP;
		reason = NG_DROP_HOP_LIMIT;
		goto drop;
	}
	skb_reset_mac_header(skb);
	skb_set_network_header(skb, ETH_HLEN);
	skb->protocol = eth_hdr(skb)->h_proto;
	saved = __this_cpu_read(ng_ether_tx_self);
	__this_cpu_write(ng_ether_tx_self, dev);
	dev_xmit_recursion_inc();
	err = dev_queue_xmit(skb);
	dev_xmit_recursion_dec();
	__this_cpu_write(ng_ether_tx_self, saved);
	return err > 0 ? net_xmit_errno(err) : err;
drop:
	ng_drop(priv->node, skb, reason);
	return err;
}

/* A frame written to upper: queued for the host. */
static int ng_ether_to_host(struct ng_ether_priv *priv, struct sk_buff *skb)
{
	struct net_device *dev = rcu_dereference(priv->dev);
	enum ng_drop_reason reason;
	int err;

	if (!dev) {
		err = -ENXIO;
		reason = NG_DROP_DEV_DOWN;
		goto drop;
	}
	if (skb->len < ETH_HLEN) {
		err = -EINVAL;
		reason = NG_DROP_TOO_SHORT;
		goto count;
	}
	if (!pskb_may_pull(skb, ETH_HLEN) ||
	    ng_skb_to_stack(skb, dev, ETH_HLEN)) {
		err = -EINVAL;
		reason = NG_DROP_INVALID;
		goto count;
	}
	/* As from the wire: the queue holds at most 1024 such frames. */
	if (skb->len > dev->mtu + ETH_HLEN + VLAN_HLEN) {
		err = -EMSGSIZE;
		reason = NG_DROP_TOO_BIG;
		goto count;
	}
	/* (the queue keeps no device pointer: the work takes priv->dev) */
	skb->dev = NULL;
	spin_lock(&priv->upq.lock);
	if (skb_queue_len(&priv->upq) >= NG_ETHER_UPQ_LEN ||
	    priv->upq_bytes + skb->truesize > NG_ETHER_UPQ_BYTES) {
		spin_unlock(&priv->upq.lock);
		err = -ENOBUFS;
		reason = NG_DROP_QUEUE_FULL;
		goto count;
	}
	priv->upq_bytes += skb->truesize;
	__skb_queue_tail(&priv->upq, skb);
	spin_unlock(&priv->upq.lock);
	queue_work(system_wq, &priv->upwork);
	return 0;
count:
	dev_core_stats_rx_dropped_inc(dev);
drop:
	ng_drop(priv->node, skb, reason);
	return err;
}

/* Hand the frames written to upper to the host, a batch at a time. */
static void ng_ether_upper_work(struct work_struct *work)
{
	struct ng_ether_priv *priv = container_of(work, struct ng_ether_priv,
						  upwork);
	struct net_device *dev, *saved;
	struct sk_buff *skb;
	int n;

	for (n = 0; n < NG_ETHER_UPQ_BATCH; n++) {
		spin_lock_bh(&priv->upq.lock);
		skb = __skb_dequeue(&priv->upq);
		if (skb)
			priv->upq_bytes -= skb->truesize;
		spin_unlock_bh(&priv->upq.lock);
		if (!skb)
			return;
		local_bh_disable();
		rcu_read_lock();
		dev = rcu_dereference(priv->dev);
		if (dev && netif_running(dev)) {
			skb->protocol = eth_type_trans(skb, dev);
			saved = __this_cpu_read(ng_ether_rx_self);
			__this_cpu_write(ng_ether_rx_self, dev);
			netif_receive_skb_core(skb);
			__this_cpu_write(ng_ether_rx_self, saved);
		} else {
			ng_drop(priv->node, skb, NG_DROP_DEV_DOWN);
		}
		rcu_read_unlock();
		local_bh_enable();
	}
	if (!skb_queue_empty_lockless(&priv->upq))
		queue_work(system_wq, work);
}

static int ng_ether_rcvdata(struct ng_hook *hook, struct sk_buff *skb)
{
	struct ng_ether_priv *priv = ng_node_priv(ng_hook_node(hook));

	if (hook == rcu_access_pointer(priv->upper))
		return ng_ether_to_host(priv, skb);
	return ng_ether_xmit(priv, skb);
}

/* ---- Handlers, promiscuity, multicast (RTNL) ---- */

static int ng_ether_rx_on(struct ng_ether_priv *priv, struct net_device *dev,
			  struct netlink_ext_ack *extack)
{
	int err;

	ASSERT_RTNL();
	if (priv->rx_handler)
		return 0;
	err = netdev_rx_handler_register(dev, ng_ether_rx, priv);
	if (err == -EBUSY)
		NG_ERR(extack, "ether: the interface's receive handler is taken (a bridge, bond, macvlan or team port?)",
		       "ether: %s's receive handler is taken (a bridge, bond, macvlan or team port?)",
		       dev->name);
	priv->rx_handler = !err;
	return err;
}

static void ng_ether_rx_off(struct ng_ether_priv *priv, struct net_device *dev)
{
	ASSERT_RTNL();
	if (!priv->rx_handler)
		return;
	netdev_rx_handler_unregister(dev);	/* waits for readers */
	priv->rx_handler = false;
}

static int ng_ether_egress_on(struct ng_ether_priv *priv,
			      struct net_device *dev,
			      struct netlink_ext_ack *extack)
{
	struct nf_hook_ops *ops = &priv->egress_ops;
	int err;

	ASSERT_RTNL();
	if (priv->egress)
		return 0;
	memset(ops, 0, sizeof(*ops));
	ops->hook = ng_ether_egress;
	ops->priv = priv;
	ops->pf = NFPROTO_NETDEV;
	ops->hooknum = NF_NETDEV_EGRESS;
	ops->priority = NG_ETHER_EGRESS_PRIO;
	ops->dev = dev;
	err = nf_register_net_hook(dev_net(dev), ops);
	if (err)
		NL_SET_ERR_MSG(extack, "ether: cannot hook the interface's transmit (netfilter egress)");
	priv->egress = !err;
	return err;
}

/*
 * No grace period is awaited: a hook call in flight reads priv and the
 * hook pointer, which stay valid for one after the node's last reference,
 * and the module stays while a node does.
 */
static void ng_ether_egress_off(struct ng_ether_priv *priv,
				struct net_device *dev)
{
	ASSERT_RTNL();
	if (!priv->egress)
		return;
	nf_unregister_net_hook(dev_net(dev), &priv->egress_ops);
	priv->egress = false;
}

static int ng_ether_set_promisc(struct ng_ether_priv *priv,
				struct net_device *dev, bool on)
{
	int err;

	ASSERT_RTNL();
	if (priv->promisc == on)
		return 0;
	err = dev_set_promiscuity(dev, on ? 1 : -1);
	if (!err)
		priv->promisc = on;
	return err;
}

/* Undo what the node did to its device (it goes, or leaves the node). */
static void ng_ether_release(struct ng_ether_priv *priv,
			     struct net_device *dev)
{
	unsigned int i;

	ASSERT_RTNL();
	ng_ether_rx_off(priv, dev);
	ng_ether_egress_off(priv, dev);
	ng_ether_set_promisc(priv, dev, false);
	for (i = 0; i < priv->nmulti; i++)
		dev_mc_del(dev, priv->multi[i]);
	priv->nmulti = 0;
}

static int ng_ether_multi_find(const struct ng_ether_priv *priv,
			       const u8 *addr)
{
	unsigned int i;

	for (i = 0; i < priv->nmulti; i++)
		if (ether_addr_equal(priv->multi[i], addr))
			return i;
	return -1;
}

/* ---- Lifecycle ---- */

struct ng_ether_attach_arg {
	struct net *net;
	int ifindex;
};

/* ng_make_node_in()'s init: link the node to its device, if still there. */
static int ng_ether_attach_init(struct ng_node *node, void *arg)
{
	struct ng_ether_attach_arg *a = arg;
	struct ng_ether_priv *priv = ng_node_priv(node);
	char name[IFNAMSIZ];
	struct net_device *dev;
	int err = 0;

	priv->node = node;
	priv->autosrc = true;
	INIT_HLIST_NODE(&priv->link);
	skb_queue_head_init(&priv->upq);
	INIT_WORK(&priv->upwork, ng_ether_upper_work);
	rtnl_lock();
	dev = __dev_get_by_index(a->net, a->ifindex);
	mutex_lock(&ng_ether_mutex);
	if (!dev || !ng_ether_is_ether(dev) ||
	    dev->reg_state != NETREG_REGISTERED)
		err = -ENODEV;
	else if (ng_ether_find(dev))
		err = -EEXIST;
	if (!err) {
		ng_ether_link(priv, dev);
		priv->linkup = ng_ether_link_up(dev);
		ng_ether_node_name(dev->name, name);
	}
	mutex_unlock(&ng_ether_mutex);
	rtnl_unlock();
	if (!err)
		ng_name_node(node, name);	/* taken: stays unnamed */
	return err;
}

static void ng_ether_attach_work(struct work_struct *work)
{
	struct ng_ether_work *w = container_of(work, struct ng_ether_work, work);
	struct ng_ether_attach_arg a = { .net = w->net, .ifindex = w->ifindex };

	if (READ_ONCE(ng_ether_live))
		ng_make_node_in(w->net, &ng_ether_type, ng_ether_attach_init,
				&a);
	put_net(w->net);
	kfree(w);
}

/* Queue the making of the node of device @ifindex of @net (referenced). */
static void ng_ether_queue_attach(struct net *net, int ifindex)
{
	struct ng_ether_work *w = kzalloc(sizeof(*w), GFP_KERNEL);

	if (!w) {
		put_net(net);
		return;
	}
	INIT_WORK(&w->work, ng_ether_attach_work);
	w->net = net;
	w->ifindex = ifindex;
	queue_work(ng_ether_wq, &w->work);
}

/* From the notifier (RTNL): @dev goes; its node loses it and shuts down. */
static void ng_ether_detach(struct net_device *dev)
{
	struct ng_ether_priv *priv;

	ASSERT_RTNL();
	mutex_lock(&ng_ether_mutex);
	priv = ng_ether_find(dev);
	if (priv) {
		ng_ether_release(priv, dev);
		ng_ether_unlink(priv, dev);
		/* still valid: its shutdown takes ng_ether_mutex first */
		ng_rmnode_self(priv->node);
	}
	mutex_unlock(&ng_ether_mutex);
}

/*
 * From the notifier (RTNL): tell @dev's node to look at its name or link
 * again (@what: NG_ETHER_SYNC_*); one message at a time is on its way.
 */
static void ng_ether_queue_sync(struct net_device *dev, int what)
{
	struct ng_ether_priv *priv;
	struct ng_mesg *msg;

	mutex_lock(&ng_ether_mutex);
	priv = ng_ether_find(dev);
	if (priv) {
		set_bit(what, &priv->sync);
		if (!test_and_set_bit(NG_ETHER_SYNC_QUEUED, &priv->sync)) {
			msg = ng_mkmessage(NGM_ETHER_COOKIE, NG_ETHER_SYNC,
					   NULL, 0, GFP_KERNEL);
			/* (lost: the next event tries again) */
			if (!msg || ng_send_msg_id(priv->node,
						   ng_node_id(priv->node), msg))
				clear_bit(NG_ETHER_SYNC_QUEUED, &priv->sync);
		}
	}
	mutex_unlock(&ng_ether_mutex);
}

static int ng_ether_netdev_event(struct notifier_block *nb,
				 unsigned long event, void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct net *net;

	switch (event) {
	case NETDEV_REGISTER:
	case NETDEV_POST_TYPE_CHANGE:	/* (a bond or team that is one now) */
		if (!ng_ether_is_ether(dev))
			break;
		net = maybe_get_net(dev_net(dev));
		if (net)
			ng_ether_queue_attach(net, dev->ifindex);
		break;
	case NETDEV_UNREGISTER:
	case NETDEV_PRE_TYPE_CHANGE:	/* (a bond or team that stops being one) */
		ng_ether_detach(dev);
		break;
	case NETDEV_CHANGENAME:
		ng_ether_queue_sync(dev, NG_ETHER_SYNC_NAME);
		break;
	case NETDEV_UP:
	case NETDEV_DOWN:
	case NETDEV_CHANGE:
		ng_ether_queue_sync(dev, NG_ETHER_SYNC_LINK);
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block ng_ether_notifier = {
	.notifier_call = ng_ether_netdev_event,
};

/* Nodes are made for devices only (FreeBSD: EINVAL). */
static int ng_ether_constructor(struct ng_node *node)
{
	return -EINVAL;
}

/*
 * The node goes (its device went, it was detached, or its namespace goes):
 * it lets its device go.
 */
static void ng_ether_shutdown(struct ng_node *node)
{
	struct ng_ether_priv *priv = ng_node_priv(node);
	struct net_device *dev;

	rtnl_lock();
	mutex_lock(&ng_ether_mutex);
	dev = rtnl_dereference(priv->dev);
	if (dev) {
		ng_ether_release(priv, dev);
		ng_ether_unlink(priv, dev);
	}
	mutex_unlock(&ng_ether_mutex);
	rtnl_unlock();
	/* No rcvdata is left to queue more (every hook is gone). */
	cancel_work_sync(&priv->upwork);
	skb_queue_purge(&priv->upq);
	priv->upq_bytes = 0;
}

/* A user's shutdown: the hooks are gone; FreeBSD's reset, the node stays. */
static void ng_ether_reset(struct ng_node *node)
{
	struct ng_ether_priv *priv = ng_node_priv(node);
	struct net_device *dev;

	rtnl_lock();
	dev = rtnl_dereference(priv->dev);
	if (dev)
		ng_ether_set_promisc(priv, dev, false);
	WRITE_ONCE(priv->autosrc, true);
	rtnl_unlock();
}

static struct ng_hook __rcu **ng_ether_hookp(struct ng_ether_priv *priv,
					     const char *name)
{
	if (!strcmp(name, NG_ETHER_HOOK_LOWER) ||
	    !strcmp(name, NG_ETHER_HOOK_DIVERT))
		return &priv->lower;
	if (!strcmp(name, NG_ETHER_HOOK_UPPER))
		return &priv->upper;
	if (!strcmp(name, NG_ETHER_HOOK_ORPHAN))
		return &priv->orphan;
	return NULL;
}

static int ng_ether_newhook(struct ng_node *node, struct ng_hook *hook,
			    const char *name)
{
	struct netlink_ext_ack *extack = ng_ctl_extack(node);
	struct ng_ether_priv *priv = ng_node_priv(node);
	struct ng_hook __rcu **hp = ng_ether_hookp(priv, name);
	struct net_device *dev;
	int err;

	if (!hp) {
		NL_SET_ERR_MSG(extack, "ether: hooks are lower, upper, divert and orphans");
		return -EINVAL;
	}
	if (rcu_access_pointer(*hp)) {
		NL_SET_ERR_MSG(extack, "ether: that hook (or lower/divert) is connected");
		return -EISCONN;
	}
	rtnl_lock();
	dev = rtnl_dereference(priv->dev);
	if (!dev) {
		NL_SET_ERR_MSG(extack, "ether: the interface is gone");
		err = -ENXIO;
	} else if (hp == &priv->upper) {
		err = ng_ether_egress_on(priv, dev, extack);
	} else {
		err = ng_ether_rx_on(priv, dev, extack);
	}
	if (!err)
		rcu_assign_pointer(*hp, hook);
	rtnl_unlock();
	return err;
}

static void ng_ether_disconnect(struct ng_hook *hook)
{
	struct ng_node *node = ng_hook_node(hook);
	struct ng_ether_priv *priv = ng_node_priv(node);
	struct net_device *dev;

	if (rcu_access_pointer(priv->lower) == hook)
		RCU_INIT_POINTER(priv->lower, NULL);
	else if (rcu_access_pointer(priv->upper) == hook)
		RCU_INIT_POINTER(priv->upper, NULL);
	else if (rcu_access_pointer(priv->orphan) == hook)
		RCU_INIT_POINTER(priv->orphan, NULL);
	rtnl_lock();
	dev = rtnl_dereference(priv->dev);
	if (dev) {
		if (!rcu_access_pointer(priv->upper))
			ng_ether_egress_off(priv, dev);
		if (!rcu_access_pointer(priv->lower) &&
		    !rcu_access_pointer(priv->orphan))
			ng_ether_rx_off(priv, dev);
		/* FreeBSD resets a node whose last hook goes. */
		if (!ng_node_numhooks(node)) {
			ng_ether_set_promisc(priv, dev, false);
			WRITE_ONCE(priv->autosrc, true);
		}
	}
	rtnl_unlock();
}

/* The node's message to itself: follow its device's name and link. */
static void ng_ether_sync(struct ng_node *node, struct ng_ether_priv *priv)
{
	unsigned long what = xchg(&priv->sync, 0);
	char name[IFNAMSIZ] = "";
	struct net_device *dev;
	struct ng_hook *hooks[2];
	struct ng_mesg *msg;
	bool up = false, changed = false;
	int i;

	rtnl_lock();
	dev = rtnl_dereference(priv->dev);
	if (dev) {
		ng_ether_node_name(dev->name, name);
		up = ng_ether_link_up(dev);
		changed = up != priv->linkup;
		priv->linkup = up;
	}
	rtnl_unlock();
	if (!dev)
		return;
	/* Renamed with its interface only (a name given by NGM_NAME stays). */
	if (test_bit(NG_ETHER_SYNC_NAME, &what) &&
	    strcmp(name, ng_node_name(node)))
		ng_name_node(node, name);	/* taken: keeps its name */
	if (!changed)
		return;
	/* FreeBSD's ng_ether_link_state(): to lower and orphans */
	hooks[0] = rcu_dereference_protected(priv->lower, 1);
	hooks[1] = rcu_dereference_protected(priv->orphan, 1);
	for (i = 0; i < 2; i++) {
		if (!hooks[i])
			continue;
		msg = ng_mkmessage(NGM_FLOW_COOKIE, up ? NGM_LINK_IS_UP :
				   NGM_LINK_IS_DOWN, NULL, 0, GFP_KERNEL);
		if (msg)
			ng_send_msg_hook(node, hooks[i], msg);
	}
}

/**
 * ng_ether_rcvmsg - handle the ether messages
 * @node: this node
 * @item: the message
 *
 * Return:
 * * %0 - done (and answered)
 * * %-EINVAL - an unknown cookie or command, arguments of the wrong size,
 *   addmulti of an address that is not multicast
 * * %-ENOSPC - addmulti past NG_ETHER_MAX_MULTI addresses
 * * %-ENOENT - delmulti of an address the node did not add
 * * %-ENXIO - the interface is gone (the node is going)
 * * %-ENOMEM - no memory for the reply
 * * other - the device's refusal (setenaddr, setpromisc, addmulti)
 */
static int ng_ether_rcvmsg(struct ng_node *node, struct ng_msgitem *item)
{
	struct ng_ether_priv *priv = ng_node_priv(node);
	const struct ng_mesg *msg = item->msg;
	u32 cmd = msg->header.cmd, arg = 0;
	size_t arglen = 0, replen = 0;
	struct ng_mesg *resp = NULL;
	struct sockaddr sa = {};
	struct net_device *dev;
	int err = 0, i;

	/* (a reply to nothing this node asked, or a flow message) */
	if (msg->header.flags & NGF_RESP ||
	    msg->header.typecookie == NGM_FLOW_COOKIE)
		return 0;
	if (msg->header.typecookie != NGM_ETHER_COOKIE) {
		NL_SET_ERR_MSG(item->extack, "ether: unknown typecookie");
		return -EINVAL;
	}
	switch (cmd) {
	case NGM_ETHER_GET_IFNAME:
		replen = IFNAMSIZ;
		break;
	case NGM_ETHER_GET_IFINDEX:
	case NGM_ETHER_GET_PROMISC:
	case NGM_ETHER_GET_AUTOSRC:
		replen = sizeof(u32);
		break;
	case NGM_ETHER_GET_ENADDR:
		replen = ETH_ALEN;
		break;
	case NGM_ETHER_SET_PROMISC:
	case NGM_ETHER_SET_AUTOSRC:
		arglen = sizeof(u32);
		break;
	case NGM_ETHER_SET_ENADDR:
	case NGM_ETHER_ADD_MULTI:
	case NGM_ETHER_DEL_MULTI:
		arglen = ETH_ALEN;
		break;
	case NGM_ETHER_DETACH:
		ng_rmnode_self(node);
		return 0;
	case NG_ETHER_SYNC:
		if (item->retaddr == ng_node_id(node)) {
			ng_ether_sync(node, priv);
			return 0;
		}
		fallthrough;
	default:
		NL_SET_ERR_MSG(item->extack, "ether: unknown cmd");
		return -EINVAL;
	}
	if (msg->header.arglen != arglen) {
		NG_ERR(item->extack, "ether: wrong size of arguments",
		       "ether: the command takes %zu bytes of arguments, got %u",
		       arglen, msg->header.arglen);
		return -EINVAL;
	}
	if (arglen == sizeof(u32))
		memcpy(&arg, msg->data, sizeof(arg));
	if ((cmd == NGM_ETHER_ADD_MULTI || cmd == NGM_ETHER_DEL_MULTI) &&
	    !is_multicast_ether_addr((const u8 *)msg->data)) {
		NL_SET_ERR_MSG(item->extack, "ether: not a multicast address");
		return -EINVAL;
	}
	if (replen) {
		resp = ng_mkresponse(msg, replen, GFP_KERNEL);
		if (!resp)
			return -ENOMEM;
	}

	/* (The reply goes after the RTNL: its requester may take it.) */
	rtnl_lock();
	dev = rtnl_dereference(priv->dev);
	if (!dev) {
		NL_SET_ERR_MSG(item->extack, "ether: the interface is gone");
		err = -ENXIO;
		goto unlock;
	}
	switch (cmd) {
	case NGM_ETHER_GET_IFNAME:
		strscpy(resp->data, dev->name, IFNAMSIZ);
		break;
	case NGM_ETHER_GET_IFINDEX:
		arg = dev->ifindex;
		break;
	case NGM_ETHER_GET_PROMISC:
		arg = priv->promisc;
		break;
	case NGM_ETHER_GET_AUTOSRC:
		arg = READ_ONCE(priv->autosrc);
		break;
	case NGM_ETHER_GET_ENADDR:
		memcpy(resp->data, dev->dev_addr, ETH_ALEN);
		break;
	case NGM_ETHER_SET_PROMISC:
		err = ng_ether_set_promisc(priv, dev, arg != 0);
		break;
	case NGM_ETHER_SET_AUTOSRC:
		WRITE_ONCE(priv->autosrc, arg != 0);
		break;
	case NGM_ETHER_SET_ENADDR:
		sa.sa_family = dev->type;
		memcpy(sa.sa_data, msg->data, ETH_ALEN);
		err = dev_set_mac_address_user(dev, &sa, item->extack);
		break;
	case NGM_ETHER_ADD_MULTI:
		if (ng_ether_multi_find(priv, (const u8 *)msg->data) >= 0)
			break;
		if (priv->nmulti >= NG_ETHER_MAX_MULTI) {
			NL_SET_ERR_MSG(item->extack, "ether: the node has added 64 multicast addresses");
			err = -ENOSPC;
			break;
		}
		err = dev_mc_add(dev, (const u8 *)msg->data);
		if (!err)
			ether_addr_copy(priv->multi[priv->nmulti++],
					(const u8 *)msg->data);
		break;
	case NGM_ETHER_DEL_MULTI:
		i = ng_ether_multi_find(priv, (const u8 *)msg->data);
		if (i < 0) {
			NL_SET_ERR_MSG(item->extack, "ether: the node did not add that address");
			err = -ENOENT;
			break;
		}
		dev_mc_del(dev, priv->multi[i]);
		priv->nmulti--;
		if (i != priv->nmulti)
			ether_addr_copy(priv->multi[i],
					priv->multi[priv->nmulti]);
		break;
	}
unlock:
	rtnl_unlock();
	if (err || !resp) {
		kvfree(resp);
		return err;
	}
	if (replen == sizeof(u32))
		memcpy(resp->data, &arg, sizeof(arg));
	return ng_respond(node, item, resp);
}

/* ASCII forms of the messages (FreeBSD's) */
static const struct ng_cmdlist ng_ether_cmds[] = {
	{ NGM_ETHER_COOKIE, NGM_ETHER_GET_IFNAME, "getifname",
	  NULL, &ng_parse_string_type },
	{ NGM_ETHER_COOKIE, NGM_ETHER_GET_IFINDEX, "getifindex",
	  NULL, &ng_parse_int32_type },
	{ NGM_ETHER_COOKIE, NGM_ETHER_GET_ENADDR, "getenaddr",
	  NULL, &ng_parse_enaddr_type },
	{ NGM_ETHER_COOKIE, NGM_ETHER_SET_ENADDR, "setenaddr",
	  &ng_parse_enaddr_type, NULL },
	{ NGM_ETHER_COOKIE, NGM_ETHER_GET_PROMISC, "getpromisc",
	  NULL, &ng_parse_int32_type },
	{ NGM_ETHER_COOKIE, NGM_ETHER_SET_PROMISC, "setpromisc",
	  &ng_parse_int32_type, NULL },
	{ NGM_ETHER_COOKIE, NGM_ETHER_GET_AUTOSRC, "getautosrc",
	  NULL, &ng_parse_int32_type },
	{ NGM_ETHER_COOKIE, NGM_ETHER_SET_AUTOSRC, "setautosrc",
	  &ng_parse_int32_type, NULL },
	{ NGM_ETHER_COOKIE, NGM_ETHER_ADD_MULTI, "addmulti",
	  &ng_parse_enaddr_type, NULL },
	{ NGM_ETHER_COOKIE, NGM_ETHER_DEL_MULTI, "delmulti",
	  &ng_parse_enaddr_type, NULL },
	{ NGM_ETHER_COOKIE, NGM_ETHER_DETACH, "detach", NULL, NULL },
	{ 0 }
};

static struct ng_type ng_ether_type = {
	.name		= NG_ETHER_NODE_TYPE,
	.owner		= THIS_MODULE,
	.node_priv_size	= sizeof(struct ng_ether_priv),
	.constructor	= ng_ether_constructor,
	.rcvmsg		= ng_ether_rcvmsg,
	.shutdown	= ng_ether_shutdown,
	.newhook	= ng_ether_newhook,
	.rcvdata	= ng_ether_rcvdata,
	.disconnect	= ng_ether_disconnect,
	.cmdlist	= ng_ether_cmds,
	.reset		= ng_ether_reset,
	.unpinned	= true,
};

/* Detach every linked node, ask each to go, wait until all are gone. */
static void ng_ether_remove_all(void)
{
	struct ng_ether_priv *priv;
	struct hlist_node *tmp;
	struct net_device *dev;
	int bkt;

	rtnl_lock();
	mutex_lock(&ng_ether_mutex);
	hash_for_each_safe(ng_ether_hash, bkt, tmp, priv, link) {
		dev = rtnl_dereference(priv->dev);
		ng_ether_release(priv, dev);
		ng_ether_unlink(priv, dev);
		ng_rmnode_self(priv->node);
	}
	mutex_unlock(&ng_ether_mutex);
	rtnl_unlock();
	ng_type_drain(&ng_ether_type);
}

/*
 * register_netdevice_notifier() replays NETDEV_REGISTER for every device
 * of every namespace: that makes the nodes of the devices already there.
 *
 * The nodes do not hold the module (the type is unpinned: any user's
 * interfaces have nodes, and they must not keep it loaded), so its exit
 * removes them: unregistering the notifier replays NETDEV_UNREGISTER,
 * which detaches every linked node and asks it to go; the attach works
 * still queued make nothing once ng_ether_live is false (also when the
 * load fails half-way), and a node one of them made just before is
 * caught by the last pass; then the exit waits for every node's
 * teardown.  (A netfilter hook call still in flight finishes before the
 * module's memory goes: free_module() waits for a grace period.)
 */
static int ng_ether_start(void)
{
	int err;

	ng_ether_wq = alloc_workqueue("ng_ether", WQ_UNBOUND, 0);
	if (!ng_ether_wq)
		return -ENOMEM;
	WRITE_ONCE(ng_ether_live, true);
	err = register_netdevice_notifier(&ng_ether_notifier);
	if (err) {
		WRITE_ONCE(ng_ether_live, false);
		destroy_workqueue(ng_ether_wq);
		ng_ether_remove_all();
	}
	return err;
}

static void ng_ether_stop(void)
{
	WRITE_ONCE(ng_ether_live, false);
	unregister_netdevice_notifier(&ng_ether_notifier);
	destroy_workqueue(ng_ether_wq);
	ng_ether_remove_all();
}

NG_TYPE_MODULE_NOAUTOLOAD(ng_ether_type, ng_ether_start, ng_ether_stop);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("netgraph ether node type: a node for each Ethernet interface");
