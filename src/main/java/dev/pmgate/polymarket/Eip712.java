package dev.pmgate.polymarket;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * The few EIP-712 encoding rules the Polymarket structs need: every member is one 32-byte word
 * (uint as big-endian, address left-padded, bytes32 as is, string as its keccak256).
 */
final class Eip712 {

    private static final BigInteger UINT256_LIMIT = BigInteger.ONE.shiftLeft(256);
    private static final String DOMAIN_WITH_CONTRACT =
            "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)";
    private static final String DOMAIN_WITHOUT_CONTRACT = "EIP712Domain(string name,string version,uint256 chainId)";

    private Eip712() {}

    static byte[] keccak(byte[] data) {
        return Hash.sha3(data);
    }

    static byte[] typeHash(String typeString) {
        return keccak(typeString.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] string(String value) {
        return keccak(value.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] uint256(BigInteger value) {
        if (value.signum() < 0 || value.compareTo(UINT256_LIMIT) >= 0) {
            throw new IllegalArgumentException("value out of uint256 range");
        }
        return Numeric.toBytesPadded(value, 32);
    }

    static byte[] uint256(long value) {
        return uint256(BigInteger.valueOf(value));
    }

    static byte[] address(String address) {
        byte[] raw = Numeric.hexStringToByteArray(Addresses.requireAddress("address", address));
        byte[] word = new byte[32];
        System.arraycopy(raw, 0, word, 12, 20);
        return word;
    }

    static byte[] bytes32(String hex) {
        byte[] raw = Numeric.hexStringToByteArray(hex);
        if (raw.length != 32) {
            throw new IllegalArgumentException("bytes32 value must be 32 bytes");
        }
        return raw;
    }

    /** keccak256 of the concatenated 32-byte words (hashStruct once the type hash is the first word). */
    static byte[] hashWords(byte[]... words) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 * words.length);
        for (byte[] word : words) {
            out.writeBytes(word);
        }
        return keccak(out.toByteArray());
    }

    /** Domain separator; {@code verifyingContract} may be null for domains without one (ClobAuth). */
    static byte[] domainSeparator(String name, String version, long chainId, String verifyingContract) {
        if (verifyingContract == null) {
            return hashWords(typeHash(DOMAIN_WITHOUT_CONTRACT), string(name), string(version), uint256(chainId));
        }
        return hashWords(
                typeHash(DOMAIN_WITH_CONTRACT),
                string(name),
                string(version),
                uint256(chainId),
                address(verifyingContract));
    }

    /** {@code keccak256(0x19 0x01 ‖ domainSeparator ‖ structHash)}. */
    static byte[] digest(byte[] domainSeparator, byte[] structHash) {
        byte[] data = new byte[66];
        data[0] = 0x19;
        data[1] = 0x01;
        System.arraycopy(domainSeparator, 0, data, 2, 32);
        System.arraycopy(structHash, 0, data, 34, 32);
        return keccak(data);
    }
}
