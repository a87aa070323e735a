// SPDX-License-Identifier: GPL-2.0
/*
 * netgraph for Linux: the "eiface" node type.
 *
 * Each node is also an Ethernet interface, ngeth0, ngeth1, ... (the first
 * free unit of the node's namespace), named after it when the name is
 * free, as in FreeBSD.  A frame the stack sends out of the interface
 * leaves the node through its one hook, "ether", and a frame arriving on
 * the hook is received by the interface.  Its carrier is on while the hook
 * is connected.  The interface gets a random locally administered address.
 * It may move to another namespace while the node stays in its graph;
 * deleting it shuts the node down, and the node's shutdown deletes it
 * (kernel/ifnet.c).
 *
 * Locking: the transmit routine (any context but hardirq: netpoll is
 * disabled) reads the hook pointer under RCU: newhook publishes it,
 * disconnect clears it, and the core keeps a hook's memory for a grace
 * period after that.
 */
#include <linux/etherdevice.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/inetdevice.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/skbuff.h>
#include <net/addrconf.h>
#include <net/rtnetlink.h>

#include "netgraph.h"
#include "ng_parse.h"
#include "../uapi/ng_eiface.h"

/* At most this many addresses in a NGM_EIFACE_GET_IFADDRS reply. */
#define NG_EIFACE_MAX_IFADDRS	64

struct ng_eiface_priv {
	struct ng_ifnet ifn;
	struct ng_hook __rcu *ether;	/* set in control context */
};

static struct ng_eiface_priv *ng_eiface_dev_priv(struct net_device *dev)
{
	return container_of(ng_ifnet_from_dev(dev), struct ng_eiface_priv, ifn);
}

/* The stack sends a frame out of the interface: it leaves through ether. */
static netdev_tx_t ng_eiface_xmit(struct sk_buff *skb, struct net_device *dev)
{
	return ng_ifnet_xmit(dev, &ng_eiface_dev_priv(dev)->ether, skb);
}

static const struct net_device_ops ng_eiface_netdev_ops = {
	.ndo_uninit		= ng_ifnet_uninit,
	.ndo_start_xmit		= ng_eiface_xmit,
	.ndo_get_stats64	= dev_get_tstats64,
	.ndo_set_mac_address	= eth_mac_addr,
	.ndo_validate_addr	= eth_validate_addr,
};

/*
 * Registered so that unloading the module waits for interfaces still
 * being freed.  No setup: ip link add cannot make one, only mkpeer.
 */
static struct rtnl_link_ops ng_eiface_link_ops = {
	.kind		= "ng_eiface",
	.dellink	= ng_ifnet_dellink,
};

static int ng_eiface_link_register(void)
{
	return rtnl_link_register(&ng_eiface_link_ops);
}

static void ng_eiface_link_unregister(void)
{
	rtnl_link_unregister(&ng_eiface_link_ops);
}

static void ng_eiface_setup(struct net_device *dev)
{
	ether_setup(dev);
	ng_ifnet_setup(dev, &ng_eiface_link_ops);
	dev->netdev_ops = &ng_eiface_netdev_ops;
	/* A frame in the graph is the graph's: never one pktgen reuses. */
	dev->priv_flags &= ~IFF_TX_SKB_SHARING;
	/* As FreeBSD's: the address may change while the interface runs. */
	dev->priv_flags |= IFF_LIVE_ADDR_CHANGE;
	dev->min_mtu = NG_EIFACE_MTU_MIN;
	dev->max_mtu = NG_EIFACE_MTU_MAX;
}

/**
 * ng_eiface_constructor - make the node's interface
 * @node: the new node
 *
 * The interface takes the first free name ngethN of the node's namespace,
 * a random address and no carrier (until "ether" is connected); the node
 * takes the interface's name unless another node has it.
 *
 * Return: 0, -ENOMEM, or register_netdevice()'s error.
 */
static int ng_eiface_constructor(struct ng_node *node)
{
	struct ng_eiface_priv *priv = ng_node_priv(node);
	struct net_device *dev;

	dev = alloc_netdev(NG_IFNET_PRIV_SIZE, NG_EIFACE_EIFACE_NAME "%d",
			   NET_NAME_ENUM, ng_eiface_setup);
	if (!dev)
		return -ENOMEM;
	eth_hw_addr_random(dev);
	netif_carrier_off(dev);
	return ng_ifnet_register(&priv->ifn, node, dev);
}

/* The carrier follows the hook (and the flow messages). */
static void ng_eiface_carrier(struct ng_eiface_priv *priv, bool on)
{
	struct net_device *dev;

	rtnl_lock();
	dev = rtnl_dereference(priv->ifn.dev);
	if (dev && on)
		netif_carrier_on(dev);
	else if (dev)
		netif_carrier_off(dev);
	rtnl_unlock();
}

/**
 * ng_eiface_newhook - accept "ether", once
 * @node: this node
 * @hook: the new hook
 * @name: its name
 *
 * Return:
 * * %0 - accepted; the interface has a carrier from now on
 * * %-EPFNOSUPPORT - another name (FreeBSD's error)
 * * %-EISCONN - the ether hook is still there (a dying hook of the same
 *   name whose disconnect has not run yet)
 */
static int ng_eiface_newhook(struct ng_node *node, struct ng_hook *hook,
			     const char *name)
{
	struct ng_eiface_priv *priv = ng_node_priv(node);

	if (strcmp(name, NG_EIFACE_HOOK_ETHER)) {
		NL_SET_ERR_MSG(ng_ctl_extack(node), "eiface: the hook is ether");
		return -EPFNOSUPPORT;
	}
	if (rcu_access_pointer(priv->ether)) {
		NL_SET_ERR_MSG(ng_ctl_extack(node),
			       "eiface: the ether hook is still going away");
		return -EISCONN;
	}
	rcu_assign_pointer(priv->ether, hook);
	ng_eiface_carrier(priv, true);
	return 0;
}

/**
 * ng_eiface_rcvdata - the interface receives a frame from the graph
 * @hook: the ether hook
 * @skb: the frame, from its Ethernet header
 *
 * The frame is cleaned of what it brings from elsewhere
 * (ng_skb_to_stack()) and queued to the stack as received by the interface
 * (netif_rx()); frames for other hosts are marked so (PACKET_OTHERHOST)
 * and go no further than packet sockets.
 *
 * Return:
 * * %0 - handed to the stack (which may still drop it, counted)
 * * %-ENETDOWN - the interface is down; dropped
 * * %-EINVAL - shorter than an Ethernet header, or a CHECKSUM_PARTIAL
 *   frame whose offsets are off; dropped
 * * %-ENXIO - the interface is gone (the node is going); dropped
 */
static int ng_eiface_rcvdata(struct ng_hook *hook, struct sk_buff *skb)
{
	struct ng_eiface_priv *priv = ng_node_priv(ng_hook_node(hook));
	struct net_device *dev;
	int err;

	dev = ng_ifnet_rx_dev(&priv->ifn, skb, ETH_HLEN, &err);
	if (!dev)
		return err;
	skb->protocol = eth_type_trans(skb, dev);
	ng_ifnet_receive(dev, skb, skb->len + ETH_HLEN);
	return 0;
}

static void ng_eiface_disconnect(struct ng_hook *hook)
{
	struct ng_eiface_priv *priv = ng_node_priv(ng_hook_node(hook));

	/* (a hook of the same name made since holds the slot now) */
	if (rcu_access_pointer(priv->ether) != hook)
		return;
	RCU_INIT_POINTER(priv->ether, NULL);
	ng_eiface_carrier(priv, false);
	/* The node stays without its hook, as in FreeBSD. */
}

/*
 * NGM_EIFACE_GET_IFADDRS: the IPv4 addresses as struct sockaddr_in, then
 * the IPv6 ones as struct sockaddr_in6, at most NG_EIFACE_MAX_IFADDRS.
 * Returns the bytes written to @buf.
 */
static size_t ng_eiface_ifaddrs(struct net_device *dev, u8 *buf)
{
	const struct in_device *in_dev = __in_dev_get_rtnl(dev);
	const struct inet6_ifaddr *ifp6;
	const struct in_ifaddr *ifa;
	struct inet6_dev *idev;
	unsigned int n = 0;
	size_t off = 0;

	if (in_dev) {
		in_dev_for_each_ifa_rtnl(ifa, in_dev) {
			struct sockaddr_in sin = {
				.sin_family = AF_INET,
				.sin_addr.s_addr = ifa->ifa_local,
			};

			if (n++ == NG_EIFACE_MAX_IFADDRS)
				return off;
			memcpy(buf + off, &sin, sizeof(sin));
			off += sizeof(sin);
		}
	}
	idev = __in6_dev_get(dev);
	if (!idev)
		return off;
	read_lock_bh(&idev->lock);
	list_for_each_entry(ifp6, &idev->addr_list, if_list) {
		struct sockaddr_in6 sin6 = {
			.sin6_family = AF_INET6,
			.sin6_addr = ifp6->addr,
		};

		if (n++ == NG_EIFACE_MAX_IFADDRS)
			break;
		if (ipv6_addr_type(&ifp6->addr) & IPV6_ADDR_LINKLOCAL)
			sin6.sin6_scope_id = dev->ifindex;
		memcpy(buf + off, &sin6, sizeof(sin6));
		off += sizeof(sin6);
	}
	read_unlock_bh(&idev->lock);
	return off;
}

/**
 * ng_eiface_rcvmsg - handle the eiface messages and the link state
 * @node: this node
 * @item: the message
 *
 * NGM_LINK_IS_UP and NGM_LINK_IS_DOWN turn the interface's carrier on and
 * off, as FreeBSD's if_link_state_change(); other flow messages are
 * ignored.
 *
 * Return:
 * * %0 - done (and answered)
 * * %-EINVAL - set with other than 6 bytes, an unknown cookie or command
 * * %-EADDRNOTAVAIL - set with a multicast or all-zero address
 * * %-ENOMEM - no memory for the reply
 * * %-ENXIO - the interface is gone (the node is going)
 */
static int ng_eiface_rcvmsg(struct ng_node *node, struct ng_msgitem *item)
{
	struct ng_eiface_priv *priv = ng_node_priv(node);
	const struct ng_mesg *msg = item->msg;
	struct ng_mesg *resp = NULL, *full;
	struct sockaddr sa = {};
	struct net_device *dev;
	int err = 0;

	/* (a reply to nothing this node asked) */
	if (msg->header.flags & NGF_RESP)
		return 0;
	switch (msg->header.typecookie) {
	case NGM_EIFACE_COOKIE:
		switch (msg->header.cmd) {
		case NGM_EIFACE_GET_IFNAME:
			resp = ng_mkresponse(msg, IFNAMSIZ, GFP_KERNEL);
			break;
		case NGM_EIFACE_GET_IFADDRS:
			resp = ng_mkresponse(msg, NG_EIFACE_MAX_IFADDRS *
					     sizeof(struct sockaddr_in6),
					     GFP_KERNEL);
			break;
		case NGM_EIFACE_SET:
			if (msg->header.arglen != ETH_ALEN) {
				NG_ERR(item->extack, "eiface: set takes 6 bytes",
				       "eiface: set takes 6 bytes, got %u",
				       msg->header.arglen);
				return -EINVAL;
			}
			if (!is_valid_ether_addr((const u8 *)msg->data)) {
				NL_SET_ERR_MSG(item->extack,
					       "eiface: set needs a unicast, non-zero address");
				return -EADDRNOTAVAIL;
			}
			break;
		default:
			NL_SET_ERR_MSG(item->extack, "eiface: unknown cmd");
			return -EINVAL;
		}
		if (msg->header.cmd != NGM_EIFACE_SET && !resp)
			return -ENOMEM;
		break;
	case NGM_FLOW_COOKIE:
		break;
	default:
		NL_SET_ERR_MSG(item->extack, "eiface: unknown typecookie");
		return -EINVAL;
	}

	/*
	 * The interface's name, address, carrier and IP addresses change
	 * under the RTNL.  (The reply goes after it: a reply may be
	 * delivered to its requester's rcvmsg at once, which may take the
	 * RTNL too.)
	 */
	rtnl_lock();
	dev = rtnl_dereference(priv->ifn.dev);
	if (!dev) {
		NL_SET_ERR_MSG(item->extack, "eiface: the interface is gone");
		err = -ENXIO;
	} else if (msg->header.typecookie == NGM_FLOW_COOKIE) {
		if (msg->header.cmd == NGM_LINK_IS_UP)
			netif_carrier_on(dev);
		else if (msg->header.cmd == NGM_LINK_IS_DOWN)
			netif_carrier_off(dev);
	} else if (msg->header.cmd == NGM_EIFACE_GET_IFNAME) {
		strscpy(resp->data, dev->name, IFNAMSIZ);
	} else if (msg->header.cmd == NGM_EIFACE_GET_IFADDRS) {
		resp->header.arglen = ng_eiface_ifaddrs(dev, resp->data);
	} else {
		sa.sa_family = dev->type;
		memcpy(sa.sa_data, msg->data, ETH_ALEN);
		err = dev_set_mac_address_user(dev, &sa, item->extack);
	}
	rtnl_unlock();
	if (err || !resp) {
		kvfree(resp);
		return err;
	}
	if (msg->header.cmd == NGM_EIFACE_GET_IFADDRS) {
		/* Exactly sized: a queued reply counts by its arglen. */
		full = resp;
		resp = ng_mkresponse(msg, full->header.arglen, GFP_KERNEL);
		if (resp)
			memcpy(resp->data, full->data, full->header.arglen);
		kvfree(full);
		if (!resp)
			return -ENOMEM;
	}
	return ng_respond(node, item, resp);
}

static void ng_eiface_shutdown(struct ng_node *node)
{
	struct ng_eiface_priv *priv = ng_node_priv(node);

	ng_ifnet_unregister(&priv->ifn);
}

/* ASCII forms of the messages (FreeBSD's; getifaddrs has none there) */
static const struct ng_cmdlist ng_eiface_cmds[] = {
	{ NGM_EIFACE_COOKIE, NGM_EIFACE_GET_IFNAME, "getifname",
	  NULL, &ng_parse_string_type },
	{ NGM_EIFACE_COOKIE, NGM_EIFACE_SET, "set",
	  &ng_parse_enaddr_type, NULL },
	{ 0 }
};

static struct ng_type ng_eiface_type = {
	.name		= NG_EIFACE_NODE_TYPE,
	.owner		= THIS_MODULE,
	.node_priv_size	= sizeof(struct ng_eiface_priv),
	.constructor	= ng_eiface_constructor,
	.rcvmsg		= ng_eiface_rcvmsg,
	.shutdown	= ng_eiface_shutdown,
	.newhook	= ng_eiface_newhook,
	.rcvdata	= ng_eiface_rcvdata,
	.disconnect	= ng_eiface_disconnect,
	.cmdlist	= ng_eiface_cmds,
};

NG_TYPE_MODULE_WITH(ng_eiface_type, NG_EIFACE_NODE_TYPE,
		    ng_eiface_link_register, ng_eiface_link_unregister);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("netgraph eiface node type: an Ethernet interface fed by the graph");
MODULE_ALIAS("ng_eiface");
