"""Chinese research terms and their English words, so that a question asked in Chinese (the page's language) finds
passages of a paper written in English: BM25 matches words, and no translation model can be downloaded here. The
longest terms are tried first; a term found adds its English words to the question's. Named data: extend freely."""

from __future__ import annotations

GLOSSARY: dict[str, str] = {
    "负载均衡": "load balancing balance",
    "损失函数": "loss function objective",
    "损失": "loss",
    "目标函数": "objective loss",
    "权重": "weight",
    "超参数": "hyperparameter hyper-parameters",
    "参数量": "parameters size",
    "参数": "parameter parameters",
    "学习率": "learning rate",
    "批大小": "batch size",
    "批量": "batch",
    "训练集": "training set data",
    "数据增强": "data augmentation",
    "增强": "augmentation",
    "深度": "depth deep layers",
    "主要内容": "we propose present",
    "讲了什么": "we propose present",
    "测试集": "test set",
    "验证集": "validation set",
    "数据集": "dataset data corpus",
    "数据": "data",
    "语料": "corpus",
    "训练": "training train",
    "预训练": "pre-training pretraining",
    "微调": "fine-tuning finetuning",
    "推理": "inference",
    "模型": "model",
    "架构": "architecture",
    "结构": "architecture structure",
    "网络": "network",
    "层数": "layers depth",
    "层": "layer",
    "编码器": "encoder",
    "解码器": "decoder",
    "注意力": "attention",
    "方法": "method approach",
    "实验": "experiments",
    "结果": "results",
    "性能": "performance",
    "准确率": "accuracy",
    "精度": "accuracy precision",
    "召回": "recall",
    "错误率": "error rate",
    "误差": "error",
    "基线": "baseline baselines",
    "对比": "comparison compare",
    "比较": "comparison compare",
    "消融": "ablation",
    "局限": "limitation limitations",
    "不足": "limitation weakness",
    "贡献": "contribution contributions",
    "创新": "novel contribution",
    "速度": "speed time",
    "时间": "time",
    "显存": "memory GPU",
    "内存": "memory",
    "计算量": "computation FLOPs compute",
    "评估": "evaluation evaluate",
    "评价": "evaluation metric",
    "指标": "metric metrics",
    "分类": "classification",
    "检测": "detection",
    "分割": "segmentation",
    "生成": "generation generate",
    "翻译": "translation",
    "识别": "recognition",
    "语音": "speech audio",
    "图像": "image",
    "文本": "text",
    "视频": "video",
    "样本": "samples examples",
    "标注": "labeled annotation",
    "无监督": "unsupervised unlabeled",
    "自监督": "self-supervised",
    "监督": "supervised",
    "掩码": "mask masking",
    "采样": "sampling sample",
    "优化器": "optimizer",
    "优化": "optimization",
    "初始化": "initialization",
    "正则化": "regularization",
    "专家": "expert experts",
    "路由": "router routing",
    "吞吐量": "throughput",
    "困惑度": "perplexity",
    "未来工作": "future work",
    "结论": "conclusion",
    "动机": "motivation",
    "相关工作": "related work",
    "代码": "code",
}
_TERMS = sorted(GLOSSARY, key=len, reverse=True)

# Words readers use for what papers name otherwise ("compared with what?" is answered by a "Baselines" paragraph).
READER_WORDS: dict[str, str] = {
    "compare": "baseline baselines",
    "compared": "baseline baselines",
    "comparison": "baseline baselines",
    "baseline": "compare comparison",
    "baselines": "compare comparison",
    "limitation": "fail failure",
    "limitations": "fail failure",
    "weakness": "limitation fail failure",
    "weaknesses": "limitation fail failure",
    "fast": "speed time",
    "slow": "speed time",
    "big": "size large",
    "large": "size",
    "hyperparameters": "learning rate batch",
}


def english_words(question: str) -> str:
    """The English words of the Chinese terms in ``question`` (a term inside a longer one found counts once), and
    the paper's words for a reader's English ones."""
    found: list[str] = [READER_WORDS[w] for w in question.lower().replace("?", " ").split() if w in READER_WORDS]
    rest = question
    for term in _TERMS:
        if term in rest:
            found.append(GLOSSARY[term])
            rest = rest.replace(term, " ")
    return " ".join(found)
