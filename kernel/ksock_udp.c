// SPDX-License-Identifier: GPL-2.0
/*
 * netgraph for Linux: UDP datagrams of a kernel socket (ksock.h) taken and
 * given as packets, without copying them and without a worker, as the
 * kernel's UDP tunnels (WireGuard, VXLAN, L2TP, fou) take and give theirs.
 *
 * Receive: a UDP socket whose consumer has a rcv_skb upcall gets the
 * socket's encapsulation hook (udp_sk(sk)->encap_rcv, as
 * setup_udp_tunnel_sock() installs it).  UDP calls it in softirq for each
 * datagram addressed to the socket, after the IPsec policy check and the
 * checksum's verification; the hook applies what the socket applies to a
 * datagram it queues (its filter, cgroup BPF ingress program and LSM hook:
 * sk_filter_trim_cap()), strips the UDP header and hands the packet and
 * its source address to the upcall.  When the upcall declines, or the
 * socket is being closed, the datagram goes to the socket's receive queue
 * as usual.
 *
 * Transmit: ng_ksock_send_skb() sends a packet as the payload of one UDP
 * datagram from the socket's address and port, built in front of the
 * packet's own data (iptunnel_xmit() or ip6_local_out(): the IP layer's
 * output and netfilter hooks as for the socket's own datagrams), charged
 * to the socket's send buffer.  What it does not do as udp_sendmsg() and
 * udpv6_sendmsg() would (multicast, broadcast and scoped destinations, IP
 * options, fragments, flow labels, an unbound socket, cgroup BPF sendmsg
 * programs, IPv4-mapped destinations) it leaves to ng_ksock_send().
 *
 * Credentials: neither path reaches a check of the current task's
 * credentials (they run in softirq); the LSM's socket_sendmsg and
 * socket_recvmsg hooks, which exempt kernel sockets, are not called.
 */
#include <linux/bpf-cgroup.h>
#include <linux/filter.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/netdevice.h>
#include <linux/sched.h>
#include <linux/skbuff.h>
#include <linux/udp.h>
#include <net/dst.h>
#include <net/ip.h>
#include <net/ip_tunnels.h>
#include <net/ip6_checksum.h>
#include <net/ip6_route.h>
#include <net/ipv6.h>
#include <net/route.h>
#include <net/sock.h>
#include <net/udp.h>
#include <net/udp_tunnel.h>

#include "ksock.h"

/* device transmits a direct send may be nested in (a tunnel's one) */
#define NG_KSOCK_XMIT_NEST	1

/*
 * The source of the datagram @skb (network header valid, the UDP header
 * at skb->data) as the socket's recvmsg() would give it: a sockaddr_in,
 * or for an AF_INET6 socket a sockaddr_in6 (IPv4-mapped for an IPv4
 * datagram).  Return: its length, or 0 if the packet is neither.
 */
static int ng_ksock_udp_source(const struct ng_ksock *ks,
			       const struct sk_buff *skb,
			       struct sockaddr_storage *ss)
{
	const struct udphdr *uh = udp_hdr(skb);
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;

	if (ip_hdr(skb)->version == 4) {
		if (ks->family == AF_INET) {
			memset(sin, 0, sizeof(*sin));
			sin->sin_family = AF_INET;
			sin->sin_port = uh->source;
			sin->sin_addr.s_addr = ip_hdr(skb)->saddr;
			return sizeof(*sin);
		}
		memset(sin6, 0, sizeof(*sin6));
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = uh->source;
		ipv6_addr_set_v4mapped(ip_hdr(skb)->saddr, &sin6->sin6_addr);
		return sizeof(*sin6);
	}
	if (ipv6_hdr(skb)->version == 6 && ks->family == AF_INET6) {
		memset(sin6, 0, sizeof(*sin6));
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = uh->source;
		sin6->sin6_addr = ipv6_hdr(skb)->saddr;
		sin6->sin6_scope_id = ipv6_iface_scope_id(&sin6->sin6_addr,
							  inet6_iif(skb));
		return sizeof(*sin6);
	}
	return 0;
}

/*
 * udp_sk(sk)->encap_rcv: softirq, inside an RCU read-side section, the
 * UDP checksum verified, skb->data at the UDP header.
 *
 * Return: 0 if the datagram was consumed (given to the upcall or dropped
 * by the socket's filter), 1 to let UDP queue it on the socket (a GSO
 * packet, an overloaded CPU, older datagrams in the queue, or the consumer
 * is not ready: rcv_ready).
 */
static int ng_ksock_udp_encap_rcv(struct sock *sk, struct sk_buff *skb)
{
	struct sockaddr_storage from;
	struct ng_ksock *ks;
	int fromlen, ret = 1;

	read_lock_bh(&sk->sk_callback_lock);
	ks = sk->sk_user_data;
	if (!ks || ks->sk != sk || !ks->up || !ks->up->rcv_skb)
		goto out;
	/*
	 * GSO packets (a tunnel's, aggregated by GRO: UDP does not split
	 * them for an encapsulation socket) carry offload state about
	 * headers this path strips: UDP queues them as one datagram.
	 */
	if (skb_is_gso(skb) || skb_transport_header(skb) != skb->data)
		goto out;
	/*
	 * Overload: the consumer's work (a whole graph, perhaps) would run
	 * here, in softirq, for every datagram of a flood, and the CPU has
	 * other tasks due (the scheduler asked for a switch).  The socket's
	 * queue takes the datagram instead, cheaply, dropping what exceeds
	 * its buffer, and the consumer's preemptible reader drains it.
	 */
	if (need_resched())
		goto out;
	/* older datagrams wait in the queue: this one goes behind them */
	if (!ng_ksock_rx_empty(ks))
		goto out;
	/*
	 * An empty queue because the consumer's reader just took the last
	 * one: what rcv_ready reads shows it (the reader marks itself busy,
	 * with a full barrier, before it takes datagrams)
	 */
	smp_rmb();
	if (ks->up->rcv_ready && !ks->up->rcv_ready(ks, ks->arg))
		goto out;
	fromlen = ng_ksock_udp_source(ks, skb, &from);
	if (!fromlen)
		goto out;
	/* what the socket would apply before queueing it */
	ret = 0;
	if (sk_filter_trim_cap(sk, skb, sizeof(struct udphdr))) {
		kfree_skb(skb);
		goto out;
	}
	/*
	 * The payload's checksum state: a partial sum that starts in the
	 * payload (a local sender's, with the payload's own checksum left
	 * to finish) stays; anything else was about the UDP datagram (a
	 * complete sum the filter may have trimmed without adjusting, a
	 * device's "verified", the UDP header's own partial sum).
	 */
	if (skb->ip_summed != CHECKSUM_PARTIAL ||
	    skb_checksum_start_offset(skb) < (int)sizeof(struct udphdr))
		skb->ip_summed = CHECKSUM_NONE;
	__skb_pull(skb, sizeof(struct udphdr));
	ks->up->rcv_skb(ks, skb, &from, fromlen, ks->arg);
out:
	read_unlock_bh(&sk->sk_callback_lock);
	return ret;
}

/**
 * ng_ksock_rx_empty() - whether nothing waits in the socket's receive queue
 * @ks: the socket
 *
 * For UDP, both of its queues (what recvmsg() took from the receive queue
 * waits in the reader queue).  Lockless: a datagram queued or taken right
 * now may be missed; the callers order that themselves.
 *
 * Return: true if both are empty.
 */
bool ng_ksock_rx_empty(const struct ng_ksock *ks)
{
	struct sock *sk = ks->sk;

	if (!skb_queue_empty_lockless(&sk->sk_receive_queue))
		return false;
	return !test_bit(NG_KSOCK_UDP, &ks->flags) ||
	       skb_queue_empty_lockless(&udp_sk(sk)->reader_queue);
}
EXPORT_SYMBOL_GPL(ng_ksock_rx_empty);

/**
 * ng_ksock_udp_recv() - take the next datagram waiting in a UDP socket
 * @ks:      a UDP socket (ng_ksock_is_udp())
 * @skbp:    the datagram, on success: the packet UDP queued, its payload
 *           at skb->data, no longer charged to the socket
 * @from:    its source, as recvmsg() gives it
 * @fromlen: the source's length (0 if neither IPv4 nor IPv6)
 *
 * What udp_recvmsg() does, without copying: the checksum UDP left to the
 * reader is verified here (a datagram that fails it is dropped, counted
 * in the socket's drops, and the next one taken, up to 64).  Process
 * context, without blocking.
 *
 * Return: the payload's length, -EAGAIN if no datagram waits, -ENOMEM
 * (a GSO packet, which is copied, was lost), or the socket's pending
 * error (a negative errno, e.g. from ICMP).
 */
int ng_ksock_udp_recv(struct ng_ksock *ks, struct sk_buff **skbp,
		      struct sockaddr_storage *from, int *fromlen)
{
	struct sock *sk = ks->sk;
	struct sk_buff *skb;
	int n, err = -EAGAIN;

	for (n = 0; n < 64; n++) {
		skb = skb_recv_udp(sk, MSG_DONTWAIT, &err);
		if (!skb)
			return err;
		if (!udp_skb_csum_unnecessary(skb) &&
		    __udp_lib_checksum_complete(skb)) {
			atomic_inc(&sk->sk_drops);
			kfree_skb_reason(skb, SKB_DROP_REASON_UDP_CSUM);
			err = -EAGAIN;
			continue;
		}
		/* the device pointer holds UDP's scratch (udp_skb_scratch()) */
		skb->dev = NULL;
		*fromlen = ng_ksock_udp_source(ks, skb, from);
		/*
		 * A GSO packet (a tunnel's, which UDP queues whole for an
		 * encapsulation socket) carries offload state about headers
		 * gone now: its bytes are copied into a plain packet, as the
		 * hook leaves such packets to the queue in the first place.
		 */
		if (skb_is_gso(skb)) {
			struct sk_buff *copy;

			copy = alloc_skb(skb->len, GFP_KERNEL_ACCOUNT);
			if (copy && skb_copy_bits(skb, 0, skb_put(copy, skb->len),
						  skb->len)) {
				kfree_skb(copy);
				copy = NULL;
			}
			kfree_skb(skb);
			if (!copy)
				return -ENOMEM;
			skb = copy;
		}
		/* as in the encapsulation hook: only a payload's own sum stays */
		if (skb->ip_summed != CHECKSUM_PARTIAL ||
		    skb_checksum_start_offset(skb) < 0)
			skb->ip_summed = CHECKSUM_NONE;
		*skbp = skb;
		return skb->len;
	}
	return err;
}
EXPORT_SYMBOL_GPL(ng_ksock_udp_recv);

/**
 * ng_ksock_udp_install() - set a socket up for the skb paths
 * @ks: a socket just created, callbacks installed
 *
 * Marks an IPv4 or IPv6 UDP socket for ng_ksock_send_skb() and, if its
 * consumer has a rcv_skb upcall, installs the encapsulation hook.
 * Process context.
 */
void ng_ksock_udp_install(struct ng_ksock *ks)
{
	struct sock *sk = ks->sk;

	if (sk->sk_protocol != IPPROTO_UDP || sk->sk_type != SOCK_DGRAM ||
	    (sk->sk_family != AF_INET && sk->sk_family != AF_INET6))
		return;
	set_bit(NG_KSOCK_UDP, &ks->flags);
	if (!ks->up || !ks->up->rcv_skb)
		return;
	lock_sock(sk);
	/* any non-zero type: UDP only tests it (the tunnels' 1) */
	WRITE_ONCE(udp_sk(sk)->encap_type, 1);
	WRITE_ONCE(udp_sk(sk)->encap_rcv, ng_ksock_udp_encap_rcv);
	udp_tunnel_encap_enable(sk);
	release_sock(sk);
}

/**
 * ng_ksock_udp_restore() - take the encapsulation hook off at close
 * @ks: the socket; sk_callback_lock write-held
 *
 * A datagram UDP is handing the hook right now finds sk_user_data gone
 * and goes to the receive queue.
 */
void ng_ksock_udp_restore(struct ng_ksock *ks)
{
	struct udp_sock *up = udp_sk(ks->sk);

	lockdep_assert_held_write(&ks->sk->sk_callback_lock);
	if (test_bit(NG_KSOCK_UDP, &ks->flags) &&
	    READ_ONCE(up->encap_rcv) == ng_ksock_udp_encap_rcv)
		WRITE_ONCE(up->encap_rcv, NULL);
}

/*
 * @skb becomes a new packet of @sk's: what tied it to where it came from
 * goes (owner, route, conntrack, extensions, mark, device, checksum and
 * tunnel state), it takes the socket's mark and priority and is charged
 * to its send buffer.
 */
static void ng_ksock_udp_own(struct sk_buff *skb, struct sock *sk)
{
	skb_orphan(skb);
	skb_scrub_packet(skb, true);
	skb->dev = NULL;
	skb->encapsulation = 0;
	skb->ip_summed = CHECKSUM_NONE;
	skb->mark = READ_ONCE(sk->sk_mark);
	skb->priority = READ_ONCE(sk->sk_priority);
	skb_set_owner_w(skb, sk);
}

/* The UDP header in front of @skb's data; its checksum is the caller's. */
static void ng_ksock_udp_push(struct sk_buff *skb, __be16 sport, __be16 dport)
{
	struct udphdr *uh;

	__skb_push(skb, sizeof(*uh));
	skb_reset_transport_header(skb);
	uh = udp_hdr(skb);
	uh->source = sport;
	uh->dest = dport;
	uh->len = htons(skb->len);
	uh->check = 0;
}

/**
 * ng_ksock_finish_csum() - finish a packet's own checksum before it is sent
 * as data
 * @skb: the packet
 *
 * A packet whose checksum was left to finish (CHECKSUM_PARTIAL: a local
 * sender's, through an interface node) gets it, in software, before it
 * becomes a payload or a stream's bytes.
 *
 * Return: 0, -EINVAL if the sum does not start and end in the packet's
 * head, or skb_csum_hwoffload_help()'s error.
 */
int ng_ksock_finish_csum(struct sk_buff *skb)
{
	int start;

	if (skb->ip_summed != CHECKSUM_PARTIAL)
		return 0;
	start = skb_checksum_start_offset(skb);
	if (start < 0 ||
	    start + skb->csum_offset + sizeof(__sum16) > skb_headlen(skb))
		return -EINVAL;
	/* an SCTP CRC32c (csum_not_inet) as well as an Internet sum */
	return skb_csum_hwoffload_help(skb, 0);
}
EXPORT_SYMBOL_GPL(ng_ksock_finish_csum);

static int ng_ksock_udp4_xmit(struct ng_ksock *ks, struct sk_buff *skb,
			      const struct sockaddr *to, int tolen)
{
	const int hlen = sizeof(struct iphdr) + sizeof(struct udphdr);
	struct sock *sk = ks->sk;
	struct inet_sock *inet = inet_sk(sk);
	struct rtable *rt = NULL;
	struct dst_entry *dst;
	__be32 daddr, saddr;
	__be16 dport, sport, df;
	struct flowi4 fl4;
	int ttl, err;

	if (skb_is_gso(skb) || skb->len > IP_MAX_MTU - hlen ||
	    rcu_access_pointer(inet->inet_opt))
		return -EAGAIN;
	if (sk_wmem_alloc_get(sk) + skb->truesize > READ_ONCE(sk->sk_sndbuf))
		return -EAGAIN;	/* the caller queues until write_space */
	sport = READ_ONCE(inet->inet_sport);
	saddr = READ_ONCE(inet->inet_saddr);
	if (!sport)
		return -EAGAIN;	/* udp_sendmsg() binds it */
	if (!to) {
		if (READ_ONCE(sk->sk_state) != TCP_ESTABLISHED)
			return -EAGAIN;
		daddr = READ_ONCE(inet->inet_daddr);
		dport = READ_ONCE(inet->inet_dport);
		dst = sk_dst_check(sk, 0);
		if (dst)
			rt = container_of(dst, struct rtable, dst);
	} else {
		const struct sockaddr_in *sin = (const struct sockaddr_in *)to;

		if (tolen < (int)sizeof(*sin) || sin->sin_family != AF_INET ||
		    cgroup_bpf_enabled(CGROUP_UDP4_SENDMSG))
			return -EAGAIN;
		daddr = sin->sin_addr.s_addr;
		dport = sin->sin_port;
	}
	if (!dport || ipv4_is_multicast(daddr) || ipv4_is_lbcast(daddr) ||
	    ipv4_is_zeronet(daddr)) {
		if (rt)
			ip_rt_put(rt);
		return -EAGAIN;
	}
	if (!rt) {
		flowi4_init_output(&fl4, READ_ONCE(sk->sk_bound_dev_if) ?:
				   READ_ONCE(inet->uc_index),
				   READ_ONCE(sk->sk_mark), ip_sock_rt_tos(sk),
				   RT_SCOPE_UNIVERSE, IPPROTO_UDP,
				   inet_sk_flowi_flags(sk), daddr, saddr, dport,
				   sport, sk->sk_uid);
		security_sk_classify_flow(sk, flowi4_to_flowi_common(&fl4));
		rt = ip_route_output_flow(sock_net(sk), &fl4, sk);
		if (IS_ERR(rt)) {
			err = PTR_ERR(rt);
			goto drop;
		}
		if ((rt->rt_flags & RTCF_BROADCAST) &&
		    !sock_flag(sk, SOCK_BROADCAST)) {
			err = -EACCES;
			goto drop_rt;
		}
		if (!to)
			sk_dst_set(sk, dst_clone(&rt->dst));
		saddr = fl4.saddr;
	}
	if (skb->len + hlen > dst_mtu(&rt->dst)) {
		ip_rt_put(rt);
		return -EAGAIN;	/* fragments: udp_sendmsg() */
	}
	err = ng_ksock_finish_csum(skb);
	if (!err)
		err = skb_cow_head(skb, LL_RESERVED_SPACE(rt->dst.dev) + hlen);
	if (err)
		goto drop_rt;

	ttl = READ_ONCE(inet->uc_ttl);
	if (ttl < 0)
		ttl = ip4_dst_hoplimit(&rt->dst);
	df = ip_dont_fragment(sk, &rt->dst) ? htons(IP_DF) : 0;
	ng_ksock_udp_own(skb, sk);
	ng_ksock_udp_push(skb, sport, dport);
	memset(&IPCB(skb)->opt, 0, sizeof(IPCB(skb)->opt));
	udp_set_csum(sk->sk_no_check_tx, skb, saddr, daddr, skb->len);
	iptunnel_xmit(sk, rt, skb, saddr, daddr, IPPROTO_UDP,
		      READ_ONCE(inet->tos), ttl, df, false);
	return 0;

drop_rt:
	ip_rt_put(rt);
drop:
	kfree_skb(skb);
	return err;
}

#if IS_ENABLED(CONFIG_IPV6)
static int ng_ksock_udp6_xmit(struct ng_ksock *ks, struct sk_buff *skb,
			      const struct sockaddr *to, int tolen)
{
	const int hlen = sizeof(struct ipv6hdr) + sizeof(struct udphdr);
	struct sock *sk = ks->sk;
	struct ipv6_pinfo *np = inet6_sk(sk);
	struct inet_sock *inet = inet_sk(sk);
	struct flowi6 fl6 = {};
	struct dst_entry *dst;
	struct ipv6hdr *ip6h;
	__be16 dport, sport;
	int type, err;

	if (skb_is_gso(skb) || skb->len > IPV6_MAXPLEN - sizeof(struct udphdr) ||
	    rcu_access_pointer(np->opt))
		return -EAGAIN;
	if (sk_wmem_alloc_get(sk) + skb->truesize > READ_ONCE(sk->sk_sndbuf))
		return -EAGAIN;
	sport = READ_ONCE(inet->inet_sport);
	if (!sport)
		return -EAGAIN;
	if (!to) {
		if (READ_ONCE(sk->sk_state) != TCP_ESTABLISHED)
			return -EAGAIN;
		fl6.daddr = sk->sk_v6_daddr;
		dport = READ_ONCE(inet->inet_dport);
	} else {
		const struct sockaddr_in6 *sin6 =
			(const struct sockaddr_in6 *)to;

		if (tolen < (int)sizeof(*sin6) || sin6->sin6_family != AF_INET6 ||
		    (sin6->sin6_flowinfo & IPV6_FLOWINFO_MASK) ||
		    cgroup_bpf_enabled(CGROUP_UDP6_SENDMSG))
			return -EAGAIN;
		fl6.daddr = sin6->sin6_addr;
		dport = sin6->sin6_port;
	}
	/* v4-mapped, multicast, scoped (link-local) and :: destinations */
	type = ipv6_addr_type(&fl6.daddr);
	if (!dport || type == IPV6_ADDR_ANY ||
	    (type & (IPV6_ADDR_MAPPED | IPV6_ADDR_MULTICAST)) ||
	    __ipv6_addr_needs_scope_id(type))
		return -EAGAIN;

	fl6.flowi6_proto = IPPROTO_UDP;
	fl6.flowi6_oif = READ_ONCE(sk->sk_bound_dev_if) ?:
			 READ_ONCE(np->ucast_oif);
	fl6.flowi6_mark = READ_ONCE(sk->sk_mark);
	fl6.flowi6_uid = sk->sk_uid;
	fl6.saddr = np->saddr;
	fl6.fl6_dport = dport;
	fl6.fl6_sport = sport;
	security_sk_classify_flow(sk, flowi6_to_flowi_common(&fl6));
	dst = ip6_sk_dst_lookup_flow(sk, &fl6, NULL, !to);
	if (IS_ERR(dst)) {
		kfree_skb(skb);
		return PTR_ERR(dst);
	}
	if (skb->len + hlen > dst_mtu(dst)) {
		dst_release(dst);
		return -EAGAIN;	/* fragments: udpv6_sendmsg() */
	}
	err = ng_ksock_finish_csum(skb);
	if (!err)
		err = skb_cow_head(skb, LL_RESERVED_SPACE(dst->dev) + hlen);
	if (err) {
		dst_release(dst);
		kfree_skb(skb);
		return err;
	}

	ng_ksock_udp_own(skb, sk);

	ng_ksock_udp_push(skb, sport, dport);
	udp6_set_csum(udp_get_no_check6_tx(sk), skb, &fl6.saddr, &fl6.daddr,
		      skb->len);

	__skb_push(skb, sizeof(*ip6h));
	skb_reset_network_header(skb);
	ip6h = ipv6_hdr(skb);
	ip6_flow_hdr(ip6h, READ_ONCE(np->tclass), 0);
	ip6h->nexthdr = IPPROTO_UDP;
	ip6h->hop_limit = ip6_sk_dst_hoplimit(np, &fl6, dst);
	ip6h->saddr = fl6.saddr;
	ip6h->daddr = fl6.daddr;
	memset(IP6CB(skb), 0, sizeof(*IP6CB(skb)));
	skb->protocol = htons(ETH_P_IPV6);
	skb_dst_set(skb, dst);
	ip6_local_out(sock_net(sk), sk, skb);
	return 0;
}
#endif

/**
 * ng_ksock_send_skb() - send a packet as one UDP datagram, without copying
 * @ks:    a UDP socket
 * @skb:   the payload
 * @to:    the destination, or NULL for the connected peer
 * @tolen: its length
 *
 * Atomic context (softirq or rcu_read_lock()) or process context.
 *
 * Return:
 * * %0 - sent; @skb consumed (the IP layer may still drop it)
 * * %-EAGAIN - not sent, @skb untouched: this path does not apply (see
 *   the file's comment), the send buffer is full, or the call is nested
 *   in more than one device's transmit; send it with
 *   ng_ksock_send(), or keep it until the write_space upcall
 * * other - dropped, @skb consumed: %-EACCES (a broadcast destination
 *   without SO_BROADCAST), the route lookup's error (%-ENETUNREACH...),
 *   %-ENOMEM, %-EINVAL (a checksum the packet's head does not hold)
 */
int ng_ksock_send_skb(struct ng_ksock *ks, struct sk_buff *skb,
		      const struct sockaddr *to, int tolen)
{
	/*
	 * Inside one device's transmit is a tunnel's case (an iface node's
	 * packets to its UDP ksocket), as ipip's or fou's output nests in
	 * theirs; deeper (a graph whose packets come back to the interface
	 * through this socket) the queue breaks the recursion, as a worker
	 * sends.  SO_DONTROUTE's scope: the socket's own path.
	 */
	if (!test_bit(NG_KSOCK_UDP, &ks->flags) ||
	    dev_recursion_level() > NG_KSOCK_XMIT_NEST ||
	    sock_flag(ks->sk, SOCK_LOCALROUTE))
		return -EAGAIN;
	if (ks->sk->sk_family == AF_INET)
		return ng_ksock_udp4_xmit(ks, skb, to, tolen);
#if IS_ENABLED(CONFIG_IPV6)
	return ng_ksock_udp6_xmit(ks, skb, to, tolen);
#else
	return -EAGAIN;
#endif
}
EXPORT_SYMBOL_GPL(ng_ksock_send_skb);
