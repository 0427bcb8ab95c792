package io.reprotect.local.arm;

/** IPv4 addresses and CIDR prefixes as longs, for the stand-in's address checks. */
final class Ipv4 {

    private Ipv4() {
    }

    /** The address as an unsigned 32-bit value, or -1 when it is not a dotted quad. */
    static long parse(String ip) {
        String[] parts = ip.split("\\.");
        if (parts.length != 4) {
            return -1;
        }
        long value = 0;
        for (String part : parts) {
            try {
                int octet = Integer.parseInt(part);
                if (octet < 0 || octet > 255) {
                    return -1;
                }
                value = value << 8 | octet;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return value;
    }

    static String format(long value) {
        return (value >> 24 & 255) + "." + (value >> 16 & 255) + "." + (value >> 8 & 255) + "." + (value & 255);
    }

    static long network(String cidr) {
        int bits = Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
        long mask = bits == 0 ? 0 : 0xFFFFFFFFL << (32 - bits) & 0xFFFFFFFFL;
        return parse(cidr.substring(0, cidr.indexOf('/'))) & mask;
    }

    static long size(String cidr) {
        return 1L << (32 - Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1)));
    }

    static boolean contains(String cidr, String ip) {
        long address = parse(ip);
        long network = network(cidr);
        return address >= network && address < network + size(cidr);
    }
}
