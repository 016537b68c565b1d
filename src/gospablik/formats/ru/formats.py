# Russian typesetting: a decimal comma and a narrow no-break space between thousands
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\u202f"
NUMBER_GROUPING = 3
