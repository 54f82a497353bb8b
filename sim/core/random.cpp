#include "core/random.hpp"

namespace tsunagi {

// The exponential ziggurat's tables (random.hpp), as exact hexadecimal literals so that no
// library's exp or log changes a draw; tests/cpp/core/random_test.cpp recomputes them.
// clang-format off
const ExponentialZiggurat kExponentialZiggurat = {
    {
        0x1.164ec94bf5dc2p+3, 0x1.ec9d9297ebb83p+2, 0x1.bc39e51da71fcp+2,
        0x1.9e9dc0d487b85p+2, 0x1.8939fe6f2ed19p+2, 0x1.78750d6eac62fp+2,
        0x1.6aa676d4bbf72p+2, 0x1.5ee7ae17313d2p+2, 0x1.54ad83ccf73f5p+2,
        0x1.4b9d7cd4751d0p+2, 0x1.4379766e41361p+2, 0x1.3c14ec7c8b860p+2,
        0x1.354ee27ccf75dp+2, 0x1.2f0e38a4411f0p+2, 0x1.293f5ae49aaa5p+2,
        0x1.23d2bb659919fp+2, 0x1.1ebbca0c9fa7cp+2, 0x1.19f03bcb3c2d6p+2,
        0x1.156786775442ap+2, 0x1.111a8034392a6p+2, 0x1.0d031785d48a0p+2,
        0x1.091c1cdcba54ep+2, 0x1.056118bf58eefp+2, 0x1.01ce2b362ec2ep+2,
        0x1.fcbfe43f6c6e6p+1, 0x1.f626e9791f7a7p+1, 0x1.efcc26750ea4ap+1,
        0x1.e9aaf2af383c1p+1, 0x1.e3bf26e190960p+1, 0x1.de050af4ef19fp+1,
        0x1.d87946fec3becp+1, 0x1.d318d6b2738c5p+1, 0x1.cde0fecf2a97fp+1,
        0x1.c8cf442c8c8f3p+1, 0x1.c3e1641c2e0a6p+1, 0x1.bf154de4bef76p+1,
        0x1.ba691d276da5dp+1, 0x1.b5db15091ea0ep+1, 0x1.b1699c003b608p+1,
        0x1.ad13382d845c3p+1, 0x1.a8d68c2ad86e8p+1, 0x1.a4b2543e84c3ap+1,
        0x1.a0a563e49f177p+1, 0x1.9caea3a24d9e9p+1, 0x1.98cd0f18d1ad7p+1,
        0x1.94ffb34fc2a0dp+1, 0x1.9145ad2f37543p+1, 0x1.8d9e2823b3695p+1,
        0x1.8a085ce695baap+1, 0x1.8683906687341p+1, 0x1.830f12cc0bec3p+1,
        0x1.7faa3e96e1412p+1, 0x1.7c5477d1476d3p+1, 0x1.790d2b56b71f9p+1,
        0x1.75d3ce2bd71c3p+1, 0x1.72a7dce5cd218p+1, 0x1.6f88db1f42507p+1,
        0x1.6c7652f9a7b1ep+1, 0x1.696fd4a9748eep+1, 0x1.6674f60c3f431p+1,
        0x1.63855247b2e93p+1, 0x1.60a0897081877p+1, 0x1.5dc640388bd9cp+1,
        0x1.5af61fa38e106p+1, 0x1.582fd4c1b4460p+1, 0x1.5573106f8a759p+1,
        0x1.52bf871acaab1p+1, 0x1.5014f08b99508p+1, 0x1.4d7307b1cb127p+1,
        0x1.4ad98a75da14cp+1, 0x1.4848398d39432p+1, 0x1.45bed851bc92cp+1,
        0x1.433d2c9bd42f8p+1, 0x1.40c2fe9f5eeadp+1, 0x1.3e5018caddecfp+1,
        0x1.3be447a8d8b83p+1, 0x1.397f59c345143p+1, 0x1.37211f88ca856p+1,
        0x1.34c96b33bc965p+1, 0x1.327810b2aa7cfp+1, 0x1.302ce59265964p+1,
        0x1.2de7c0e962d70p+1, 0x1.2ba87b445db50p+1, 0x1.296eee942532bp+1,
        0x1.273af61c7daa6p+1, 0x1.250c6e6403bbap+1, 0x1.22e33524fe550p+1,
        0x1.20bf293f0f4a2p+1, 0x1.1ea02aa9b3371p+1, 0x1.1c861a6782a5bp+1,
        0x1.1a70da7a27821p+1, 0x1.18604dd6fae9ep+1, 0x1.1654585c404c1p+1,
        0x1.144cdec6f3a2cp+1, 0x1.1249c6a92154bp+1, 0x1.104af660befcfp+1,
        0x1.0e50550efcfb8p+1, 0x1.0c59ca9009470p+1, 0x1.0a673f733c81ap+1,
        0x1.08789cf3aad0fp+1, 0x1.068dccf1126dbp+1, 0x1.04a6b9e9224a3p+1,
        0x1.02c34ef11391bp+1, 0x1.00e377af911d5p+1, 0x1.fe0e40add09d9p+0,
        0x1.fa5c6b3efe1e6p+0, 0x1.f6b1498515ed1p+0, 0x1.f30cb6ea0bc81p+0,
        0x1.ef6e8fc5b9169p+0, 0x1.ebd6b154a767ap+0, 0x1.e844f9af42381p+0,
        0x1.e4b947c16a454p+0, 0x1.e1337b426509dp+0, 0x1.ddb374ad23581p+0,
        0x1.da391538da50cp+0, 0x1.d6c43ed1ea401p+0, 0x1.d354d4130f2b0p+0,
        0x1.cfeab83ed7182p+0, 0x1.cc85cf395a56ep+0, 0x1.c925fd82323fep+0,
        0x1.c5cb282eab1a7p+0, 0x1.c27534e42e02fp+0, 0x1.bf2409d2dfd87p+0,
        0x1.bbd78db072612p+0, 0x1.b88fa7b324fb7p+0, 0x1.b54c3f8cf2543p+0,
        0x1.b20d3d66e8bb6p+0, 0x1.aed289dcaad00p+0, 0x1.ab9c0df81657bp+0,
        0x1.a869b32d0f310p+0, 0x1.a53b63556c691p+0, 0x1.a21108ad0592ep+0,
        0x1.9eea8dcdde952p+0, 0x1.9bc7ddac7035ep+0, 0x1.98a8e3940bbf5p+0,
        0x1.958d8b235828bp+0, 0x1.9275c048e73e2p+0, 0x1.8f616f3fe1514p+0,
        0x1.8c50848cc6095p+0, 0x1.8942ecfa40f55p+0, 0x1.86389596108e8p+0,
        0x1.83316badfe62bp+0, 0x1.802d5ccce7278p+0, 0x1.7d2c56b7d17f9p+0,
        0x1.7a2e476b1240cp+0, 0x1.77331d177d131p+0, 0x1.743ac61fa041dp+0,
        0x1.714531150a9fcp+0, 0x1.6e524cb59a609p+0, 0x1.6b6207e8d3ce1p+0,
        0x1.687451bd3ebf0p+0, 0x1.65891965c9b8ep+0, 0x1.62a04e3731a30p+0,
        0x1.5fb9dfa56cf29p+0, 0x1.5cd5bd4119337p+0, 0x1.59f3d6b4e9cfbp+0,
        0x1.57141bc316f29p+0, 0x1.54367c42cb5fbp+0, 0x1.515ae81d900fep+0,
        0x1.4e814f4cb45edp+0, 0x1.4ba9a1d6b18a7p+0, 0x1.48d3cfcc883c6p+0,
        0x1.45ffc94716ca9p+0, 0x1.432d7e6466cd2p+0, 0x1.405cdf44f09c6p+0,
        0x1.3d8ddc08d3370p+0, 0x1.3ac064ccfefffp+0, 0x1.37f469a851af3p+0,
        0x1.3529daa8a1ba5p+0, 0x1.3260a7cfb7615p+0, 0x1.2f98c11031724p+0,
        0x1.2cd2164a53b60p+0, 0x1.2a0c9748bcdacp+0, 0x1.274833bd018a2p+0,
        0x1.2484db3c2a32cp+0, 0x1.21c27d3b10e07p+0, 0x1.1f01090a9c4e4p+0,
        0x1.1c406dd3d5285p+0, 0x1.19809a93d2398p+0, 0x1.16c17e1777ffep+0,
        0x1.140306f707dc0p+0, 0x1.114523917ac18p+0, 0x1.0e87c207a2f68p+0,
        0x1.0bcad03710139p+0, 0x1.090e3bb4b0074p+0, 0x1.0651f1c7276fap+0,
        0x1.0395df60db165p+0, 0x1.00d9f119a3cdcp+0, 0x1.fc3c26504a9a8p-1,
        0x1.f6c462b57febcp-1, 0x1.f14c6e20294a7p-1, 0x1.ebd41e5e21b6ap-1,
        0x1.e65b483cf104bp-1, 0x1.e0e1bf77c3206p-1, 0x1.db6756a42905ep-1,
        0x1.d5ebdf1d86b94p-1, 0x1.d06f28ef0e702p-1, 0x1.caf102bc25ae2p-1,
        0x1.c57139a70d2a6p-1, 0x1.bfef99359fea1p-1, 0x1.ba6beb33f8f91p-1,
        0x1.b4e5f794c97a3p-1, 0x1.af5d844f224d0p-1, 0x1.a9d255396d268p-1,
        0x1.a4442be148852p-1, 0x1.9eb2c75ff03c7p-1, 0x1.991de42ad1340p-1,
        0x1.93853bdfda24cp-1, 0x1.8de8850d0c531p-1, 0x1.884772f2be1f3p-1,
        0x1.82a1b53fed5a1p-1, 0x1.7cf6f7c7e8179p-1, 0x1.7746e2307797bp-1,
        0x1.71911797990c3p-1, 0x1.6bd5362faa94bp-1, 0x1.6612d6d0c68e7p-1,
        0x1.60498c7dd2ed6p-1, 0x1.5a78e3db8bf04p-1, 0x1.54a0629786f54p-1,
        0x1.4ebf86bcd0b9bp-1, 0x1.48d5c5f35e71ap-1, 0x1.42e28ca706751p-1,
        0x1.3ce53d12162a9p-1, 0x1.36dd2e26d820ap-1, 0x1.30c9aa526da53p-1,
        0x1.2aa9ee1236813p-1, 0x1.247d26538ff36p-1, 0x1.1e426e93e49efp-1,
        0x1.17f8ceb4bdfa9p-1, 0x1.119f38749f5b7p-1, 0x1.0b348479b8105p-1,
        0x1.04b76ed6a7561p-1, 0x1.fc4d25d68321bp-2, 0x1.ef00ccf5f4fbdp-2,
        0x1.e186678f1736cp-2, 0x1.d3da24df17c49p-2, 0x1.c5f7bd78c3f9ep-2,
        0x1.b7da5dddda3dbp-2, 0x1.a97c8be5d521ap-2, 0x1.9ad80552237e8p-2,
        0x1.8be5954d36084p-2, 0x1.7c9cdda17d031p-2, 0x1.6cf40f0a72bd4p-2,
        0x1.5cdf89d024adcp-2, 0x1.4c515c60bfe3ap-2, 0x1.3b388fe3d6ee3p-2,
        0x1.2980290da264dp-2, 0x1.170db24d6f68cp-2, 0x1.03bf049c65c59p-2,
        0x1.decd8b76dbdd6p-3, 0x1.b38d1ef79b80cp-3, 0x1.85090fbc27ac4p-3,
        0x1.522e6e54a2abfp-3, 0x1.19335a95b8e13p-3, 0x1.ad6b2495b4e06p-4,
        0x1.0589d8b5d4242p-4, 0x0.0p+0,
    },
    {
        0x1.5e5d3f59d0554p-13, 0x1.dc31c329f0b48p-12, 0x1.fb20af78dfcb7p-11,
        0x1.92bb5540c3e26p-10, 0x1.1946ba8e1a326p-9, 0x1.6d888f3a1fefep-9,
        0x1.c58b381cd4b11p-9, 0x1.1073d69574045p-8, 0x1.3fa97cee32301p-8,
        0x1.7049f37ec3627p-8, 0x1.a23e9d497483bp-8, 0x1.d5751fa745dcdp-8,
        0x1.04ef2295fd7fbp-7, 0x1.1fb69edb37672p-7, 0x1.3b0b8c1516f63p-7,
        0x1.56e930be416ccp-7, 0x1.734b6e6aa74f7p-7, 0x1.902ea688fa7bbp-7,
        0x1.ad8fa5542c92dp-7, 0x1.cb6b9146e275ap-7, 0x1.e9bfdde89c7cep-7,
        0x1.04452091e02eep-6, 0x1.13e4554725f5dp-6, 0x1.23bc9e1b93a30p-6,
        0x1.33cd225315d82p-6, 0x1.44151ce87f0bdp-6, 0x1.5493da6ab0250p-6,
        0x1.6548b72a24077p-6, 0x1.76331da87fc96p-6, 0x1.8752853ec9968p-6,
        0x1.98a670f132a49p-6, 0x1.aa2e6e6924e9cp-6, 0x1.bbea150fa5871p-6,
        0x1.cdd9054331b0fp-6, 0x1.dffae7a51746dp-6, 0x1.f24f6c7af9895p-6,
        0x1.026b2590dfaf0p-5, 0x1.0bc7a0c7cd654p-5, 0x1.153d09f19b3a5p-5,
        0x1.1ecb45ff312d7p-5, 0x1.28723c956c00fp-5, 0x1.3231d7e3f14b1p-5,
        0x1.3c0a047ff1901p-5, 0x1.45fab14266b1bp-5, 0x1.5003cf296c5eep-5,
        0x1.5a25513c5d2cdp-5, 0x1.645f2c726a043p-5, 0x1.6eb1579b6af53p-5,
        0x1.791bcb4ab08a0p-5, 0x1.839e81c3a396dp-5, 0x1.8e3976e80776ep-5,
        0x1.98eca827b7c4dp-5, 0x1.a3b81471bf138p-5, 0x1.ae9bbc26a8083p-5,
        0x1.b997a10bed984p-5, 0x1.c4abc640721e8p-5, 0x1.cfd83031e7949p-5,
        0x1.db1ce49315810p-5, 0x1.e679ea52eb2e7p-5, 0x1.f1ef49944e838p-5,
        0x1.fd7d0ba69967cp-5, 0x1.04919d7f5c81ap-4, 0x1.0a70f19871b3fp-4,
        0x1.105c88756ca53p-4, 0x1.165468f755395p-4, 0x1.1c589a86fa342p-4,
        0x1.22692512c9d8dp-4, 0x1.2886110ce0571p-4, 0x1.2eaf676948dd1p-4,
        0x1.34e5319c6e718p-4, 0x1.3b277999b9f9fp-4, 0x1.417649d25b10fp-4,
        0x1.47d1ad343985cp-4, 0x1.4e39af290d929p-4, 0x1.54ae5b959d037p-4,
        0x1.5b2fbed91bb40p-4, 0x1.61bde5ccadef8p-4, 0x1.6858ddc30b621p-4,
        0x1.6f00b488416b8p-4, 0x1.75b5786193c21p-4, 0x1.7c77380d7a6f5p-4,
        0x1.834602c3bc4bbp-4, 0x1.8a21e835a533dp-4, 0x1.910af88e574bap-4,
        0x1.9801447336b70p-4, 0x1.9f04dd046f428p-4, 0x1.a615d3dd938b6p-4,
        0x1.ad343b1655464p-4, 0x1.b460254356546p-4, 0x1.bb99a5771268cp-4,
        0x1.c2e0cf42e10adp-4, 0x1.ca35b6b80fd56p-4, 0x1.d198706914dd5p-4,
        0x1.d909116ad9396p-4, 0x1.e087af561baf8p-4, 0x1.e8146048eb9c9p-4,
        0x1.efaf3ae83c339p-4, 0x1.f758566190412p-4, 0x1.ff0fca6cbea8bp-4,
        0x1.036ad7a6e7f04p-3, 0x1.07550eeb7a5bfp-3, 0x1.0b4697b54b62fp-3,
        0x1.0f3f7efec171fp-3, 0x1.133fd20c9712ep-3, 0x1.17479e6f0ae77p-3,
        0x1.1b56f2031d665p-3, 0x1.1f6ddaf3dca63p-3, 0x1.238c67bbbe876p-3,
        0x1.27b2a7260993ep-3, 0x1.2be0a8504cf32p-3, 0x1.30167aabe7d6cp-3,
        0x1.34542dffa0cadp-3, 0x1.3899d2694d5c7p-3, 0x1.3ce7785f8a903p-3,
        0x1.413d30b386a97p-3, 0x1.459b0c92dccc3p-3, 0x1.4a011d8983093p-3,
        0x1.4e6f7583cb6f7p-3, 0x1.52e626d078c46p-3, 0x1.57654422e78f1p-3,
        0x1.5bece0954c2b2p-3, 0x1.607d0fab06a2ep-3, 0x1.6515e5530d1a9p-3,
        0x1.69b775ea6da26p-3, 0x1.6e61d63ee84e9p-3, 0x1.73151b91a2838p-3,
        0x1.77d15b99f46fdp-3, 0x1.7c96ac8851badp-3, 0x1.816525094e7e4p-3,
        0x1.863cdc48c1af8p-3, 0x1.8b1de9f5062d3p-3, 0x1.900866425bb78p-3,
        0x1.94fc69ee6929fp-3, 0x1.99fa0e43e1621p-3, 0x1.9f016d1e4c510p-3,
        0x1.a412a0edf5cbap-3, 0x1.a92dc4bc03c47p-3, 0x1.ae52f42eb5b0ap-3,
        0x1.b3824b8dcef3cp-3, 0x1.b8bbe7c72e4a3p-3, 0x1.bdffe67394433p-3,
        0x1.c34e65db9afecp-3, 0x1.c8a784fce17ffp-3, 0x1.ce0b638f6d09bp-3,
        0x1.d37a220b431fap-3, 0x1.d8f3e1ae3eeb6p-3, 0x1.de78c48224f37p-3,
        0x1.e408ed62f83a4p-3, 0x1.e9a48005940efp-3, 0x1.ef4ba0fe8e098p-3,
        0x1.f4fe75c963e7bp-3, 0x1.fabd24cff9351p-3, 0x1.0043eab934768p-2,
        0x1.032f580797c2ap-2, 0x1.0620ef05d90d0p-2, 0x1.0918c4ee93e10p-2,
        0x1.0c16ef88f5330p-2, 0x1.0f1b852d9a669p-2, 0x1.12269ccba9fb7p-2,
        0x1.15384dee291ecp-2, 0x1.1850b0c19197fp-2, 0x1.1b6fde19abc57p-2,
        0x1.1e95ef77b09d8p-2, 0x1.21c2ff10b7efdp-2, 0x1.24f727d4776fbp-2,
        0x1.2832857457626p-2, 0x1.2b75346ae225fp-2, 0x1.2ebf52039426cp-2,
        0x1.3210fc6312430p-2, 0x1.356a528fcd0d9p-2, 0x1.38cb747b17debp-2,
        0x1.3c34830abb281p-2, 0x1.3fa5a0230a14bp-2, 0x1.431eeeb1841dep-2,
        0x1.46a092b80beebp-2, 0x1.4a2ab158bdad0p-2, 0x1.4dbd70e26f91ap-2,
        0x1.5158f8dde89f2p-2, 0x1.54fd721bda3e3p-2, 0x1.58ab06c3aa9ebp-2,
        0x1.5c61e2631ee69p-2, 0x1.602231fef5873p-2, 0x1.63ec2424827e1p-2,
        0x1.67bfe8fc60d9cp-2, 0x1.6b9db25e4e999p-2, 0x1.6f85b3e649e99p-2,
        0x1.7378230b08de5p-2, 0x1.77753735e72dep-2, 0x1.7b7d29dc68019p-2,
        0x1.7f90369b6ce54p-2, 0x1.83ae9b5446133p-2, 0x1.87d8984bc3f86p-2,
        0x1.8c0e704b75d34p-2, 0x1.905068c545cfep-2, 0x1.949ec9f9a810ap-2,
        0x1.98f9df2097ba2p-2, 0x1.9d61f695a378cp-2, 0x1.a1d76207521eep-2,
        0x1.a65a76aa3013ap-2, 0x1.aaeb8d6fdf6dfp-2, 0x1.af8b03428ef59p-2,
        0x1.b439394548069p-2, 0x1.b8f6951990b82p-2, 0x1.bdc3812aeeeafp-2,
        0x1.c2a06d00ea57cp-2, 0x1.c78dcd983fb59p-2, 0x1.cc8c1dc40e08bp-2,
        0x1.d19bde97e1a04p-2, 0x1.d6bd97db9ed73p-2, 0x1.dbf1d88a72105p-2,
        0x1.e139375e137f5p-2, 0x1.e6945367dd34ap-2, 0x1.ec03d4b969d89p-2,
        0x1.f1886d1eb4246p-2, 0x1.f722d8ebfc5f3p-2, 0x1.fcd3dfe21456fp-2,
        0x1.014e2b160f320p-1, 0x1.043e8ebd26544p-1, 0x1.073b931ee3b79p-1,
        0x1.0a45b8854d026p-1, 0x1.0d5d8812b1e27p-1, 0x1.108394a1cc388p-1,
        0x1.13b87bc331697p-1, 0x1.16fce6dce6feap-1, 0x1.1a518c71e3b21p-1,
        0x1.1db7319877b85p-1, 0x1.212eaba813ec4p-1, 0x1.24b8e228c509ep-1,
        0x1.2856d111132b8p-1, 0x1.2c098b61f4f1fp-1, 0x1.2fd23e345da59p-1,
        0x1.33b23450e6313p-1, 0x1.37aada708ddd4p-1, 0x1.3bbdc44e1d10ep-1,
        0x1.3fecb2bb18b7ap-1, 0x1.44399afa8e11fp-1, 0x1.48a6afb8ee062p-1,
        0x1.4d366c151f8a7p-1, 0x1.51eba15788993p-1, 0x1.56c9882da876cp-1,
        0x1.5bd3d694cac6ep-1, 0x1.610edc1a7af5ep-1, 0x1.667fa6d4f5bfep-1,
        0x1.6c2c3498418bdp-1, 0x1.721bb5ba94b5ap-1, 0x1.7856e9b09d475p-1,
        0x1.7ee8a2d24311cp-1, 0x1.85de87806c5adp-1, 0x1.8d4a376d3d224p-1,
        0x1.95431c455aa2dp-1, 0x1.9de9715556d8ep-1, 0x1.a76baa562fad9p-1,
        0x1.b210f0ee67f1ap-1, 0x1.be5007beb7b14p-1, 0x1.cd0a65081ffd8p-1,
        0x1.e0545e5881114p-1, 0x1.0000000000000p+0,
    },
};
// clang-format on

double RandomStream::gamma(double shape, double scale) {
  if (shape < 1.0) {
    // Boost a shape below 1: G(a) = G(a+1) * U^(1/a).
    const double g = gamma(shape + 1.0, 1.0);
    return g * std::pow(uniform_pos(), 1.0 / shape) * scale;
  }
  const double d = shape - 1.0 / 3.0, c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    double x, v;
    do {
      x = normal();
      v = 1.0 + c * x;
    } while (v <= 0.0);
    v = v * v * v;
    const double u = uniform_pos();
    if (u < 1.0 - 0.0331 * x * x * x * x) return d * v * scale;
    if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v))) return d * v * scale;
  }
}

std::uint64_t RandomStream::poisson(double mean) {
  if (mean <= 0.0) return 0;
  if (mean < 30.0) {
    // Inversion by sequential search from 0.
    const double u = uniform();
    double p = std::exp(-mean), cdf = p;
    std::uint64_t k = 0;
    while (u >= cdf && k < 1000) {
      ++k;
      p *= mean / static_cast<double>(k);
      cdf += p;
    }
    return k;
  }
  // PTRS: W. Hörmann, "The transformed rejection method for generating Poisson random
  // variables", Insurance: Mathematics and Economics 12 (1993) 39-45.
  const double slam = std::sqrt(mean), loglam = std::log(mean);
  const double b = 0.931 + 2.53 * slam, a = -0.059 + 0.02483 * b;
  const double inv_alpha = 1.1239 + 1.1328 / (b - 3.4), vr = 0.9277 - 3.6224 / (b - 2.0);
  for (;;) {
    const double u = uniform() - 0.5, v = uniform();
    const double us = 0.5 - std::fabs(u);
    const double k = std::floor((2.0 * a / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return static_cast<std::uint64_t>(k);
    if (k < 0.0 || (us < 0.013 && v > us)) continue;
    if (std::log(v) + std::log(inv_alpha) - std::log(a / (us * us) + b) <= -mean + k * loglam - std::lgamma(k + 1.0))
      return static_cast<std::uint64_t>(k);
  }
}

__extension__ using u128 = unsigned __int128;  // GCC/Clang extension, as Random123 itself uses

std::uint64_t RandomStream::below(std::uint64_t n) {
  u128 m = static_cast<u128>(next_u64()) * n;
  auto low = static_cast<std::uint64_t>(m);
  if (low < n) {
    const std::uint64_t threshold = -n % n;
    while (low < threshold) {
      m = static_cast<u128>(next_u64()) * n;
      low = static_cast<std::uint64_t>(m);
    }
  }
  return static_cast<std::uint64_t>(m >> 64);
}

}  // namespace tsunagi
