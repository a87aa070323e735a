// SPDX-License-Identifier: GPL-2.0
/*
 * netgraph for Linux: the "iface" node type.
 *
 * Each node is also a network interface, ng0, ng1, ... (the first free unit
 * of the node's namespace), named after it when the name is free, as in
 * FreeBSD.  The interface is point-to-point (or, while down, switched to
 * broadcast), has no link-layer header (ARPHRD_NONE: tcpdump sees raw IP)
 * and one hook per protocol family: an IPv4 packet the stack sends out of
 * the interface leaves the node through "inet", an IPv6 one through
 * "inet6", and a packet arriving on a hook is received by the interface as
 * that family's packet.
 *
 * The interface may move to another namespace while the node stays in its
 * graph; deleting it shuts the node down, and the node's shutdown deletes
 * it (kernel/ifnet.c).
 *
 * Locking: the transmit routine (any context but hardirq: netpoll is
 * disabled) reads the hook pointers under RCU: newhook publishes them,
 * disconnect clears them, and the core keeps a hook's memory for a grace
 * period after that.
 */
#include <linux/if_arp.h>
#include <linux/inetdevice.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/skbuff.h>
#include <net/rtnetlink.h>

#include "netgraph.h"
#include "ng_parse.h"
#include "../uapi/ng_cisco.h"
#include "../uapi/ng_iface.h"

enum { NG_IFACE_INET, NG_IFACE_INET6, NG_IFACE_NFAM };

/* The hooks, as FreeBSD's gFamilies: a hook name per protocol */
static const struct {
	const char *hook;
	__be16 proto;
} ng_iface_fams[NG_IFACE_NFAM] = {
	[NG_IFACE_INET]		= { NG_IFACE_HOOK_INET, htons(ETH_P_IP) },
	[NG_IFACE_INET6]	= { NG_IFACE_HOOK_INET6, htons(ETH_P_IPV6) },
};

struct ng_iface_priv {
	struct ng_ifnet ifn;
	struct ng_hook __rcu *hooks[NG_IFACE_NFAM];	/* set in control context */
};

struct ng_iface_hook {
	unsigned int fam;
};

static struct ng_iface_priv *ng_iface_dev_priv(struct net_device *dev)
{
	return container_of(ng_ifnet_from_dev(dev), struct ng_iface_priv, ifn);
}

/**
 * ng_iface_xmit - the stack sends a packet out of the interface
 * @skb: the packet
 * @dev: the interface
 *
 * The packet leaves through its family's hook (ng_ifnet_xmit()); a packet
 * of another protocol is dropped.
 *
 * Return: NETDEV_TX_OK; the packet is always consumed.
 */
static netdev_tx_t ng_iface_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct ng_iface_priv *priv = ng_iface_dev_priv(dev);
	unsigned int fam;

	for (fam = 0; fam < NG_IFACE_NFAM; fam++)
		if (skb->protocol == ng_iface_fams[fam].proto)
			return ng_ifnet_xmit(dev, &priv->hooks[fam], skb);
	return ng_ifnet_xmit(dev, NULL, skb);
}

static const struct net_device_ops ng_iface_netdev_ops = {
	.ndo_uninit		= ng_ifnet_uninit,
	.ndo_start_xmit		= ng_iface_xmit,
	.ndo_get_stats64	= dev_get_tstats64,
};

/*
 * Registered so that unloading the module waits for interfaces still
 * being freed.  No setup: ip link add cannot make one, only mkpeer.
 */
static struct rtnl_link_ops ng_iface_link_ops = {
	.kind		= "ng_iface",
	.dellink	= ng_ifnet_dellink,
};

static int ng_iface_link_register(void)
{
	return rtnl_link_register(&ng_iface_link_ops);
}

static void ng_iface_link_unregister(void)
{
	rtnl_link_unregister(&ng_iface_link_ops);
}

static void ng_iface_setup(struct net_device *dev)
{
	ng_ifnet_setup(dev, &ng_iface_link_ops);
	dev->netdev_ops = &ng_iface_netdev_ops;
	dev->type = ARPHRD_NONE;
	dev->flags = IFF_POINTOPOINT | IFF_NOARP | IFF_MULTICAST;
	dev->hard_header_len = 0;
	dev->addr_len = 0;
	dev->mtu = NG_IFACE_MTU_DEFAULT;
	dev->min_mtu = NG_IFACE_MTU_MIN;
	dev->max_mtu = NG_IFACE_MTU_MAX;
}

/**
 * ng_iface_constructor - make the node's interface
 * @node: the new node
 *
 * The interface takes the first free name ngN of the node's namespace, and
 * the node takes the interface's name unless another node has it.
 *
 * Return: 0, -ENOMEM, or register_netdev()'s error (-ENFILE when every
 * unit number is taken).
 */
static int ng_iface_constructor(struct ng_node *node)
{
	struct ng_iface_priv *priv = ng_node_priv(node);
	struct net_device *dev;

	dev = alloc_netdev(NG_IFNET_PRIV_SIZE, NG_IFACE_IFACE_NAME "%d",
			   NET_NAME_ENUM, ng_iface_setup);
	if (!dev)
		return -ENOMEM;
	return ng_ifnet_register(&priv->ifn, node, dev);
}

/**
 * ng_iface_newhook - accept "inet" or "inet6", once each
 * @node: this node
 * @hook: the new hook
 * @name: its name
 *
 * Return:
 * * %0 - accepted
 * * %-EPFNOSUPPORT - not a family this interface carries (FreeBSD's error)
 * * %-EISCONN - that family's hook is still there (a dying hook of the
 *   same name whose disconnect has not run yet)
 */
static int ng_iface_newhook(struct ng_node *node, struct ng_hook *hook,
			    const char *name)
{
	struct ng_iface_priv *priv = ng_node_priv(node);
	struct ng_iface_hook *ih = ng_hook_priv(hook);
	unsigned int fam;

	for (fam = 0; fam < NG_IFACE_NFAM; fam++)
		if (!strcmp(name, ng_iface_fams[fam].hook))
			break;
	if (fam == NG_IFACE_NFAM) {
		NL_SET_ERR_MSG(ng_ctl_extack(node),
			       "iface: the hooks are inet and inet6");
		return -EPFNOSUPPORT;
	}
	if (rcu_access_pointer(priv->hooks[fam])) {
		NL_SET_ERR_MSG(ng_ctl_extack(node),
			       "iface: that family's hook is still going away");
		return -EISCONN;
	}
	ih->fam = fam;
	rcu_assign_pointer(priv->hooks[fam], hook);
	return 0;
}

/**
 * ng_iface_rcvdata - the interface receives a packet from the graph
 * @hook: the arrival hook, which names the packet's family
 * @skb: the packet, starting with its network header
 *
 * The packet is cleaned of what it brings from elsewhere (a route, a
 * socket, a mark, conntrack: it may come from another namespace) and
 * queued to the stack as received by the interface (netif_rx(), so the
 * stack runs on a fresh stack frame and the backlog bounds it).
 *
 * Return:
 * * %0 - handed to the stack (which may still drop it, counted)
 * * %-ENETDOWN - the interface is down; dropped
 * * %-ENXIO - the interface is gone (the node is going); dropped
 * * %-EINVAL - a CHECKSUM_PARTIAL packet whose offsets are off; dropped
 */
static int ng_iface_rcvdata(struct ng_hook *hook, struct sk_buff *skb)
{
	struct ng_iface_priv *priv = ng_node_priv(ng_hook_node(hook));
	struct ng_iface_hook *ih = ng_hook_priv(hook);
	struct net_device *dev;
	int err;

	dev = ng_ifnet_rx_dev(&priv->ifn, skb, 0, &err);
	if (!dev)
		return err;
	skb->protocol = ng_iface_fams[ih->fam].proto;
	skb_reset_mac_header(skb);
	skb_reset_network_header(skb);
	ng_ifnet_receive(dev, skb, skb->len);
	return 0;
}

static void ng_iface_disconnect(struct ng_hook *hook)
{
	struct ng_iface_priv *priv = ng_node_priv(ng_hook_node(hook));
	struct ng_iface_hook *ih = ng_hook_priv(hook);

	/* (a hook of the same name made since holds the slot now) */
	if (rcu_access_pointer(priv->hooks[ih->fam]) == hook)
		RCU_INIT_POINTER(priv->hooks[ih->fam], NULL);
	/* The node stays without hooks, as in FreeBSD. */
}

/* NGM_IFACE_POINT2POINT and NGM_IFACE_BROADCAST: only while down. */
static int ng_iface_set_mode(struct net_device *dev, bool p2p,
			     struct netlink_ext_ack *extack)
{
	unsigned int flags;

	ASSERT_RTNL();
	flags = dev->flags;
	if (flags & IFF_UP) {
		NL_SET_ERR_MSG(extack, "iface: the interface is up");
		return -EBUSY;
	}
	flags &= ~(IFF_POINTOPOINT | IFF_BROADCAST);
	flags |= p2p ? IFF_POINTOPOINT : IFF_BROADCAST;
	if (flags != dev->flags) {
		WRITE_ONCE(dev->flags, flags);
		netdev_state_change(dev);
	}
	return 0;
}

/* NGM_CISCO_GET_IPADDR: the first IPv4 address and its netmask. */
static int ng_iface_get_ipaddr(struct net_device *dev,
			       struct ng_cisco_ipaddr *ips,
			       struct netlink_ext_ack *extack)
{
	const struct in_device *in_dev = __in_dev_get_rtnl(dev);
	const struct in_ifaddr *ifa;

	ifa = in_dev ? rtnl_dereference(in_dev->ifa_list) : NULL;
	if (!ifa) {
		NL_SET_ERR_MSG(extack, "iface: the interface has no IPv4 address");
		return -EADDRNOTAVAIL;
	}
	ips->ipaddr.s_addr = ifa->ifa_local;
	ips->netmask.s_addr = ifa->ifa_mask;
	return 0;
}

/**
 * ng_iface_rcvmsg - handle the iface messages, getipaddr and link state
 * @node: this node
 * @item: the message
 *
 * NGM_LINK_IS_UP and NGM_LINK_IS_DOWN (from a neighbour such as a ppp or
 * ksocket node) turn the interface's carrier on and off, as FreeBSD's
 * IFF_DRV_RUNNING; other flow messages are ignored.
 *
 * Return:
 * * %0 - done (and answered)
 * * %-EBUSY - point2point or broadcast while the interface is up
 * * %-EADDRNOTAVAIL - getipaddr with no IPv4 address on the interface
 * * %-ENOMEM - no memory for the reply
 * * %-ENXIO - the interface is gone (the node is going)
 * * %-EINVAL - an unknown cookie or command
 */
static int ng_iface_rcvmsg(struct ng_node *node, struct ng_msgitem *item)
{
	struct ng_iface_priv *priv = ng_node_priv(node);
	const struct ng_mesg *msg = item->msg;
	struct ng_mesg *resp = NULL;
	struct net_device *dev;
	int err = 0;

	/* (a reply to nothing this node asked) */
	if (msg->header.flags & NGF_RESP)
		return 0;
	switch (msg->header.typecookie) {
	case NGM_IFACE_COOKIE:
		switch (msg->header.cmd) {
		case NGM_IFACE_GET_IFNAME:
			resp = ng_mkresponse(msg, IFNAMSIZ, GFP_KERNEL);
			if (!resp)
				return -ENOMEM;
			break;
		case NGM_IFACE_POINT2POINT:
		case NGM_IFACE_BROADCAST:
			break;
		case NGM_IFACE_GET_IFINDEX:
			resp = ng_mkresponse(msg, sizeof(u32), GFP_KERNEL);
			if (!resp)
				return -ENOMEM;
			break;
		default:
			NL_SET_ERR_MSG(item->extack, "iface: unknown cmd");
			return -EINVAL;
		}
		break;
	case NGM_CISCO_COOKIE:
		if (msg->header.cmd != NGM_CISCO_GET_IPADDR) {
			NL_SET_ERR_MSG(item->extack, "iface: unknown cmd");
			return -EINVAL;
		}
		resp = ng_mkresponse(msg, sizeof(struct ng_cisco_ipaddr),
				     GFP_KERNEL);
		if (!resp)
			return -ENOMEM;
		break;
	case NGM_FLOW_COOKIE:
		break;
	default:
		NL_SET_ERR_MSG(item->extack, "iface: unknown typecookie");
		return -EINVAL;
	}

	/*
	 * The interface's name, flags, carrier and addresses change under
	 * the RTNL.  (The reply goes after it: a reply may be delivered to
	 * its requester's rcvmsg at once, which may take the RTNL too.)
	 */
	rtnl_lock();
	dev = rtnl_dereference(priv->ifn.dev);
	if (!dev) {
		NL_SET_ERR_MSG(item->extack, "iface: the interface is gone");
		err = -ENXIO;
	} else if (msg->header.typecookie == NGM_CISCO_COOKIE) {
		err = ng_iface_get_ipaddr(dev,
			(struct ng_cisco_ipaddr *)resp->data, item->extack);
	} else if (msg->header.typecookie == NGM_FLOW_COOKIE) {
		if (msg->header.cmd == NGM_LINK_IS_UP)
			netif_carrier_on(dev);
		else if (msg->header.cmd == NGM_LINK_IS_DOWN)
			netif_carrier_off(dev);
	} else if (msg->header.cmd == NGM_IFACE_GET_IFNAME) {
		strscpy(resp->data, dev->name, IFNAMSIZ);
	} else if (msg->header.cmd == NGM_IFACE_GET_IFINDEX) {
		*(u32 *)resp->data = dev->ifindex;
	} else {
		err = ng_iface_set_mode(dev,
			msg->header.cmd == NGM_IFACE_POINT2POINT, item->extack);
	}
	rtnl_unlock();
	if (err || !resp) {
		kvfree(resp);
		return err;
	}
	return ng_respond(node, item, resp);
}

static void ng_iface_shutdown(struct ng_node *node)
{
	struct ng_iface_priv *priv = ng_node_priv(node);

	ng_ifnet_unregister(&priv->ifn);
}

/* ASCII forms of the messages (FreeBSD's names) */
static const struct ng_parse_struct_field ng_cisco_ipaddr_fields[] = {
	{ "ipaddr",	&ng_parse_ipaddr_type },
	{ "netmask",	&ng_parse_ipaddr_type },
	{ NULL }
};

static const struct ng_parse_type ng_cisco_ipaddr_type = {
	.supertype = &ng_parse_struct_type,
	.info = ng_cisco_ipaddr_fields,
};

static const struct ng_cmdlist ng_iface_cmds[] = {
	{ NGM_IFACE_COOKIE, NGM_IFACE_GET_IFNAME, "getifname",
	  NULL, &ng_parse_string_type },
	{ NGM_IFACE_COOKIE, NGM_IFACE_POINT2POINT, "point2point", NULL, NULL },
	{ NGM_IFACE_COOKIE, NGM_IFACE_BROADCAST, "broadcast", NULL, NULL },
	{ NGM_CISCO_COOKIE, NGM_CISCO_GET_IPADDR, "getipaddr",
	  NULL, &ng_cisco_ipaddr_type },
	{ NGM_IFACE_COOKIE, NGM_IFACE_GET_IFINDEX, "getifindex",
	  NULL, &ng_parse_uint32_type },
	{ 0 }
};

static struct ng_type ng_iface_type = {
	.name		= NG_IFACE_NODE_TYPE,
	.owner		= THIS_MODULE,
	.node_priv_size	= sizeof(struct ng_iface_priv),
	.hook_priv_size	= sizeof(struct ng_iface_hook),
	.constructor	= ng_iface_constructor,
	.rcvmsg		= ng_iface_rcvmsg,
	.shutdown	= ng_iface_shutdown,
	.newhook	= ng_iface_newhook,
	.rcvdata	= ng_iface_rcvdata,
	.disconnect	= ng_iface_disconnect,
	.cmdlist	= ng_iface_cmds,
};

NG_TYPE_MODULE_WITH(ng_iface_type, NG_IFACE_NODE_TYPE,
		    ng_iface_link_register, ng_iface_link_unregister);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("netgraph iface node type: a point-to-point interface fed by the graph");
MODULE_ALIAS("ng_iface");
