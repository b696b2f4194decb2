/**
 * Langium's value converter, with its choice of conversion made once per grammar rule instead
 * of once per token: the default upper-cases the rule name and looks up the rule's type for
 * every name, number and string it converts (thousands per parse of a large file).
 */
import { DefaultValueConverter, GrammarUtils, type CstNode, type GrammarAST, ValueConverter, type ValueType } from 'langium';

type Conversion = (input: string) => ValueType;

const identity: Conversion = (input) => input;

/** The same decision as `DefaultValueConverter.runConverter`, as a function. */
function conversionFor(rule: GrammarAST.AbstractRule): Conversion {
  switch (rule.name.toUpperCase()) {
    case 'INT':
      return ValueConverter.convertInt;
    case 'STRING':
      return ValueConverter.convertString;
    case 'ID':
      return ValueConverter.convertID;
  }
  switch (GrammarUtils.getRuleType(rule)?.toLowerCase()) {
    case 'number':
      return ValueConverter.convertNumber;
    case 'boolean':
      return ValueConverter.convertBoolean;
    case 'bigint':
      return ValueConverter.convertBigint;
    case 'date':
      return ValueConverter.convertDate;
    default:
      return identity;
  }
}

export class MoesysValueConverter extends DefaultValueConverter {
  private readonly conversions = new Map<GrammarAST.AbstractRule, Conversion>();

  protected override runConverter(rule: GrammarAST.AbstractRule, input: string, _cstNode: CstNode): ValueType {
    let conversion = this.conversions.get(rule);
    if (!conversion) {
      conversion = conversionFor(rule);
      this.conversions.set(rule, conversion);
    }
    return conversion(input);
  }
}
