"""Every quantitative statement of the documents as a sourced table; comparisons; document audits."""
