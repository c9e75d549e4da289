import type { ruReaders } from './ru-readers';

/** Server-side texts of the readers domain in Kyrgyz. */
export const kyReaders: Record<keyof typeof ruReaders, string> = {
  'validation.guardian_required':
    'Жашы 14кө толо элек окурман үчүн мыйзамдуу өкүлүн көрсөтүңүз: аты-жөнү, ким болот жана телефону.',
  'validation.consent_required': 'Жеке маалыматтарды иштетүүгө макулдук болбосо, окурманды каттоого болбойт.',
  'validation.birth_date_future': 'Туулган күнү келечекте боло албайт.',
  'validation.birth_date_past': 'Туулган жылын текшериңиз.',
  'validation.card_number': 'Билеттин номери: латын тамгалары, сандар жана дефис.',
  'readers.card_taken': 'Бул окурман билетинин номери бош эмес.',
  'readers.already_registered': 'Окурман быйыл бул китепканага катталган.',
  'readers.category_taken': 'Мындай категория бар.',
  'readers.category_unknown': 'Окурмандын категориясын ушул тармактын тизмесинен тандаңыз.',
  'readers.duplicate':
    'Мындай аты-жөнү жана туулган күнү бар окурман бар. Анын карточкасын ачыңыз же бул башка адам экенин ырастаңыз.',
  'readers.anonymised': 'Окурмандын маалыматтары анын өтүнүчү боюнча өчүрүлгөн; аларды өзгөртүүгө болбойт.',
  'readers.merged': 'Бул карточка башкасы менен бириктирилген; негизгиси менен иштеңиз.',
  'readers.other_network': 'Окурман башка китепкана системасына таандык.',
  'readers.sheet': 'Окурмандар',
  'readers.yes': 'ооба',
  'readers.col.card': 'Билет',
  'readers.col.surname': 'Фамилиясы',
  'readers.col.first_name': 'Аты',
  'readers.col.patronymic': 'Атасынын аты',
  'readers.col.birth_year': 'Туулган жылы',
  'readers.col.age_group': 'Жаш курагы',
  'readers.col.category': 'Категория',
  'readers.col.phone': 'Телефон',
  'readers.col.last_year': 'Акыркы каттоо',
  'readers.col.blocked': 'Бөгөттөлгөн',
  'readers.age.upTo14': '14 жашка чейин',
  'readers.age.from15to30': '15–30 жаш',
  'readers.age.over30': '30дан улуу',
};
