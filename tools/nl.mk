# SPDX-License-Identifier: GPL-2.0
#
# What every tool's Makefile needs from libnl (included after CC is set):
# NL_CFLAGS and NL_LIBS for libnl-genl-3.0, and the C flags the project
# builds with.  CFLAGS/CPPFLAGS/LDFLAGS may be given by the user; what the
# build needs (warnings as errors) is kept apart so it always applies.

PKG_CONFIG ?= pkg-config

NL_CFLAGS  := $(shell $(PKG_CONFIG) --cflags libnl-genl-3.0)
NL_LIBS    := $(shell $(PKG_CONFIG) --libs libnl-genl-3.0)
ifeq ($(NL_LIBS),)
$(error libnl-genl-3.0 not found by $(PKG_CONFIG): install libnl-3-dev libnl-genl-3-dev pkg-config)
endif

CFLAGS     ?= -O2 -g
NG_CFLAGS  := -std=gnu11 -Wall -Wextra -Werror
