// SPDX-License-Identifier: GPL-2.0
/*
 * netgraph for Linux: a node that is also a network interface.
 *
 * The life of the interface of an iface or eiface node, in one place:
 *  - the node's constructor registers it in the node's namespace and the
 *    node takes its name (FreeBSD's ng_name_node() after if_attach());
 *  - it may move to another namespace (ip link set netns, as FreeBSD's
 *    vnet jails take one) while the node stays in its graph;
 *  - deleting it (ip link del, or the deletion of the namespace it is in)
 *    shuts the node down: its ndo_uninit, ng_ifnet_uninit(), clears the
 *    node's pointer and asks for the node's shutdown;
 *  - shutting the node down deletes it, wherever it is.
 * The interface carries its type's rtnl_link_ops, without setup (ip link
 * add cannot make one), so that the deletion of a namespace deletes it:
 * Linux moves a device without them to the initial namespace instead,
 * which would take a user's graph there.
 *
 * Locking: ifn->dev is set once the interface is registered and cleared in
 * its ndo_uninit, both under the RTNL; the data path reads it under RCU,
 * and unregistration waits for a grace period after ndo_uninit before the
 * interface is freed.  The node outlives its registered interface
 * (shutdown unregisters it), so an interface's transmit routine, which
 * runs only while it is registered, always has the node's private area.
 */
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <net/rtnetlink.h>

#include "core.h"

/**
 * ng_ifnet_setup - what every node's interface has, for its setup function
 * @dev: the interface being allocated
 * @ops: its type's rtnl_link_ops
 *
 * No queue (a graph has its own), no netpoll (it would transmit in hardirq
 * context), lockless transmit (any CPU may send through the graph at
 * once), per-CPU counters, freed by the core once unregistered.
 */
void ng_ifnet_setup(struct net_device *dev, struct rtnl_link_ops *ops)
{
	dev->priv_flags |= IFF_NO_QUEUE | IFF_DISABLE_NETPOLL;
#ifdef NG_HAVE_LLTX
	dev->lltx = true;
#else
	dev->features |= NETIF_F_LLTX;
#endif
	dev->pcpu_stat_type = NETDEV_PCPU_STAT_TSTATS;
	dev->rtnl_link_ops = ops;
	dev->needs_free_netdev = true;
}
EXPORT_SYMBOL_GPL(ng_ifnet_setup);

/**
 * ng_ifnet_xmit - send what the interface transmits out of the node's hook
 * @dev: the interface
 * @hookp: the hook's pointer in the node's private area, or NULL when the
 *	packet has no hook to go to
 * @skb: the packet; always consumed
 *
 * The packet has no checksum left to do and no segmentation (the
 * interfaces offer no offloads, so the stack resolved both); it leaves
 * the stack's state behind (ng_skb_from_stack()).  A packet not sent is
 * counted in tx_dropped.
 *
 * Return: NETDEV_TX_OK.
 */
netdev_tx_t ng_ifnet_xmit(struct net_device *dev,
			  struct ng_hook __rcu **hookp, struct sk_buff *skb)
{
	struct ng_node *node = ng_ifnet_from_dev(dev)->node;
	unsigned int len = skb->len;
	struct ng_hook *hook;
	int err = -ENOTCONN;

	if (!hookp) {
		ng_drop(node, skb, NG_DROP_NO_HOOK);
		goto out;
	}
	if (ng_skb_from_stack(skb)) {
		ng_drop(node, skb, NG_DROP_NOMEM);
		goto out;
	}
	rcu_read_lock();
	hook = rcu_dereference(*hookp);
	if (hook)
		err = ng_send_data(hook, skb);
	else
		ng_drop(node, skb, NG_DROP_NO_HOOK);
	rcu_read_unlock();
out:
	if (err)
		DEV_STATS_INC(dev, tx_dropped);
	else
		dev_sw_netstats_tx_add(dev, 1, len);
	return NETDEV_TX_OK;
}
EXPORT_SYMBOL_GPL(ng_ifnet_xmit);

/**
 * ng_ifnet_rx_dev - in rcvdata: the interface a packet from the graph enters
 * @ifn: the node's ng_ifnet
 * @skb: the packet, from its link-layer header
 * @hlen: the link-layer header's length (0: none)
 * @errp: why not, when NULL is returned
 *
 * Return: the interface, up, with @skb through ng_skb_to_stack(); or NULL
 * with @skb dropped and *@errp set: -ENXIO (the interface is gone),
 * -ENETDOWN (it is down), -EINVAL (shorter than @hlen, or a
 * CHECKSUM_PARTIAL packet whose offsets are off); the last two are
 * counted in rx_dropped.
 */
struct net_device *ng_ifnet_rx_dev(struct ng_ifnet *ifn, struct sk_buff *skb,
				   unsigned int hlen, int *errp)
{
	struct net_device *dev = rcu_dereference(ifn->dev);
	enum ng_drop_reason reason = NG_DROP_INVALID;

	if (!dev) {
		*errp = -ENXIO;
		reason = NG_DROP_DEV_DOWN;
		goto drop;
	}
	if (!netif_running(dev)) {
		*errp = -ENETDOWN;
		reason = NG_DROP_DEV_DOWN;
		goto count;
	}
	if (skb->len < hlen)
		reason = NG_DROP_TOO_SHORT;
	if (!pskb_may_pull(skb, hlen) || ng_skb_to_stack(skb, dev, hlen)) {
		*errp = -EINVAL;
		goto count;
	}
	return dev;
count:
	DEV_STATS_INC(dev, rx_dropped);
drop:
	ng_drop(ifn->node, skb, reason);
	return NULL;
}
EXPORT_SYMBOL_GPL(ng_ifnet_rx_dev);

/**
 * ng_ifnet_receive - hand a packet from the graph to the interface's stack
 * @dev: the interface, up
 * @skb: the packet, ready (ng_skb_to_stack(), protocol and headers set)
 * @len: its length as counted in rx_bytes
 *
 * netif_rx(): the stack runs on a fresh stack frame, and its backlog
 * bounds it (a drop there is counted by the core).
 */
void ng_ifnet_receive(struct net_device *dev, struct sk_buff *skb,
		      unsigned int len)
{
	if (netif_rx(skb) == NET_RX_SUCCESS)
		dev_sw_netstats_rx_add(dev, len);
}
EXPORT_SYMBOL_GPL(ng_ifnet_receive);

struct ng_ifnet *ng_ifnet_from_dev(struct net_device *dev)
{
	return *(struct ng_ifnet **)netdev_priv(dev);
}
EXPORT_SYMBOL_GPL(ng_ifnet_from_dev);

/**
 * ng_ifnet_register - register a node's interface and name the node after it
 * @ifn: the node's ng_ifnet, in its private area
 * @node: the node, in its constructor
 * @dev: from alloc_netdev() with NG_IFNET_PRIV_SIZE of private area and
 *	needs_free_netdev set; freed here on failure
 *
 * The node takes the interface's name unless another node has it.
 *
 * Return: 0, or register_netdevice()'s error (-ENFILE when every unit of
 * the name's pattern is taken).
 */
int ng_ifnet_register(struct ng_ifnet *ifn, struct ng_node *node,
		      struct net_device *dev)
{
	char name[IFNAMSIZ];
	int err;

	*(struct ng_ifnet **)netdev_priv(dev) = ifn;
	ifn->node = node;
	dev_net_set(dev, ng_node_net(node));
	rtnl_lock();
	err = register_netdevice(dev);
	if (!err) {
		rcu_assign_pointer(ifn->dev, dev);
		/* Renames hold the RTNL. */
		strscpy(name, dev->name, sizeof(name));
	}
	rtnl_unlock();
	if (err) {
		/* (needs_free_netdev acts only once registered) */
		free_netdev(dev);
		return err;
	}
	/* Last: nothing may fail once the node has a name. */
	ng_name_node(node, name);
	return 0;
}
EXPORT_SYMBOL_GPL(ng_ifnet_register);

void ng_ifnet_uninit(struct net_device *dev)
{
	struct ng_ifnet *ifn = ng_ifnet_from_dev(dev);

	/* (registration failed: ng_ifnet_register() cleans up) */
	if (!rtnl_dereference(ifn->dev))
		return;
	RCU_INIT_POINTER(ifn->dev, NULL);
	ng_rmnode_self(ifn->node);
}
EXPORT_SYMBOL_GPL(ng_ifnet_uninit);

void ng_ifnet_dellink(struct net_device *dev, struct list_head *head)
{
	unregister_netdevice_queue(dev, head);
}
EXPORT_SYMBOL_GPL(ng_ifnet_dellink);

void ng_ifnet_unregister(struct ng_ifnet *ifn)
{
	struct net_device *dev;

	/*
	 * rtnl_unlock() waits until every transmit in flight and every
	 * reference is gone, then frees it.
	 */
	rtnl_lock();
	dev = rtnl_dereference(ifn->dev);
	if (dev)
		unregister_netdevice(dev);
	rtnl_unlock();
}
EXPORT_SYMBOL_GPL(ng_ifnet_unregister);
